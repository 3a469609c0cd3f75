package org.pointea.models.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Finds backends by name: {@code cpu} (ND4J, the default) or {@code cuda} / {@code cuda:N} when a
 * CUDA backend jar is on the class path. The default is the system property
 * {@code pointea.backend} when set, else {@code cpu}.
 *
 * <pre>{@code
 * Backend cpu = Backends.cpu();
 * Backend gpu = Backends.get("cuda:0");          // IllegalStateException naming what is missing
 * Network net = config.create(Backends.getDefault(), DType.FLOAT, 42);
 * }</pre>
 */
public final class Backends {
    /** The system property naming the default backend. */
    public static final String PROPERTY = "pointea.backend";

    private Backends() {
    }

    /** The CPU backend (ND4J). */
    public static Backend cpu() {
        return get("cpu");
    }

    /** The backend named by {@code -Dpointea.backend}, else the CPU backend. */
    public static Backend getDefault() {
        return get(System.getProperty(PROPERTY, "cpu"));
    }

    /**
     * The backend named {@code spec}: {@code name} or {@code name:device}.
     *
     * @throws IllegalArgumentException for a malformed spec or an unknown name (the message lists the known ones)
     * @throws IllegalStateException when the backend is known but cannot run here (the message says why)
     */
    public static Backend get(String spec) {
        String s = spec.strip().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon);
        int device = 0;
        if (colon >= 0) {
            try {
                device = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("backend '" + spec + "': the device after ':' must be a number");
            }
            if (device < 0) {
                throw new IllegalArgumentException("backend '" + spec + "': negative device");
            }
        }
        List<String> known = new ArrayList<>();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())) {
            known.add(p.name());
            if (p.name().equals(name)) {
                String why = p.unavailableReason();
                if (why != null) {
                    throw new IllegalStateException("the " + name + " backend cannot run here: " + why);
                }
                return p.create(device);
            }
        }
        throw new IllegalArgumentException("unknown backend '" + spec + "'; available: "
                + (known.isEmpty() ? "none (no backend jar on the class path)" : String.join(", ", known)));
    }

    /** The names of the backends whose providers are on the class path, available or not. */
    public static List<String> names() {
        List<String> known = new ArrayList<>();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())) {
            known.add(p.name());
        }
        return known;
    }
}
