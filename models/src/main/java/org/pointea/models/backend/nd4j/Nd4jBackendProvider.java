package org.pointea.models.backend.nd4j;

import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BackendProvider;

/**
 * Registers the ND4J CPU backend as {@code cpu}. Refers to ND4J only inside {@link #create}, so it
 * loads (and says the backend is unavailable) on a class path without ND4J, such as a GPU bundle's.
 */
public final class Nd4jBackendProvider implements BackendProvider {
    static final String ND4J_CLASS = "org/nd4j/linalg/factory/Nd4j.class";
    static final String NATIVE_CLASS = "org/nd4j/linalg/cpu/nativecpu/CpuBackend.class";

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String unavailableReason() {
        ClassLoader cl = Nd4jBackendProvider.class.getClassLoader();
        if (cl == null || cl.getResource(ND4J_CLASS) == null) {
            return "ND4J (nd4j-api) is not on the class path";
        }
        if (cl.getResource(NATIVE_CLASS) == null) {
            return "nd4j-native (the CPU natives) is not on the class path";
        }
        return null;
    }

    @Override
    public Backend create(int device) {
        if (device != 0) {
            throw new IllegalArgumentException("the cpu backend has one device, 0; got " + device);
        }
        Nd4jRuntime.init();
        return Nd4jBackend.instance();
    }
}
