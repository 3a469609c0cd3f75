package org.pointea.models.trainer;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.pointea.models.engine.Engine;

/**
 * Reads and sets ND4J's CPU thread count. ND4J's results are reproducible bit for bit for a fixed
 * thread count but differ between thread counts (reductions and GEMM blocking split work by
 * thread), so a trainer records the count it ran with and restores it on resume.
 */
public final class EngineThreads {
    private EngineThreads() {
    }

    /** ND4J's current thread count (OpenMP's maximum, which its CPU ops use). */
    public static int current() {
        Engine.init();
        Nd4j.getEnvironment(); // loads the backend, which NativeOpsHolder needs
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    /** Sets ND4J's op threads, master threads, OpenMP threads and BLAS threads to {@code n}. */
    public static void set(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        Engine.init();
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
    }
}
