package org.pointea.models.backend;

/**
 * Makes a {@link Backend} available to {@link Backends} by name: a {@link java.util.ServiceLoader}
 * service ({@code META-INF/services/org.pointea.models.backend.BackendProvider}). A provider class
 * must load without its backend's libraries on the class path (it is instantiated to ask
 * {@link #available()}), so it refers to them only inside {@link #create}.
 */
public interface BackendProvider {

    /** The name selecting this backend ({@code cpu}, {@code cuda}). */
    String name();

    /** Why the backend cannot run here (missing libraries, no device), or null when it can. */
    String unavailableReason();

    /** True when {@link #unavailableReason()} is null. */
    default boolean available() {
        return unavailableReason() == null;
    }

    /**
     * The backend for device {@code device} (0 for the CPU); the same instance for the same device.
     *
     * @throws IllegalStateException when the backend cannot run here
     */
    Backend create(int device);
}
