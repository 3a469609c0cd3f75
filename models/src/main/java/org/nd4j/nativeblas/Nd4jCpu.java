package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Compatibility shim for DL4J 1.0.0-M2.1: {@code BaseMKLDNNHelper.mklDnnEnabled()} looks up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.isUseMKLDNN()} by reflection, but M2.1 moved
 * that class to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and renamed the
 * method {@code isUseONEDNN()}. Without this class every DL4J oneDNN layer helper is dropped with
 * one ERROR line. It delegates to the real environment by reflection, so it loads (and answers
 * {@code false}) on backends without it.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** Stand-in for the pre-M2.1 environment singleton. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();
        private static final String REAL =
                "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

        private Environment() {
        }

        /** The singleton, as the old API had it. */
        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether the native build uses oneDNN (the renamed {@code isUseONEDNN()}). */
        public boolean isUseMKLDNN() {
            try {
                Class<?> real = Class.forName(REAL);
                Object env = real.getMethod("getInstance").invoke(null);
                Method m = real.getMethod("isUseONEDNN");
                return (Boolean) m.invoke(env);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}
