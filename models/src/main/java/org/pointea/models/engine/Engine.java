package org.pointea.models.engine;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Configures ND4J / DL4J for speed before the native backend loads; every model entry point calls
 * {@link #init()} first, so library users get the fast path without knowing any flags.
 *
 * <p>What it sets, each only when the user has not set it already:
 * <ul>
 *   <li>{@code org.bytedeco.javacpp.platform.extension=-onednn} when the {@code linux-x86_64-onednn}
 *       build of nd4j-native is on the class path. Without it JavaCPP never picks the oneDNN build
 *       (and silently prefers an {@code -avx512} jar if one is present).</li>
 *   <li>{@code org.eclipse.deeplearning4j.helpers.disable=false}: DL4J 1.0.0-M2.1 defaults it to
 *       {@code true}, which drops every oneDNN layer helper. The second half of that fix is the shim
 *       class {@code org.nd4j.nativeblas.Nd4jCpu$Environment} shipped in this module (M2.1 renamed
 *       the class DL4J looks up).</li>
 *   <li>{@code org.bytedeco.javacpp.maxbytes} to 3/4 of physical memory: JavaCPP otherwise caps
 *       off-heap memory at {@code -Xmx}, far below what a batch of point clouds needs, and
 *       {@code maxphysicalbytes=0} (no RSS polling on every allocation).</li>
 * </ul>
 * and, once the backend is loaded ({@link #configureBackend()}, called by every parameter store),
 * libnd4j's TAD threshold to {@value #DEFAULT_TAD_THRESHOLD} ({@code -Dpointea.tadThreshold}):
 * libnd4j's default of 1 opens an OpenMP team for every op over more than one row, which costs
 * ~1–2 ms per small op on a busy machine (a 10× slow-down of small networks, measured in
 * {@code docs/engine.md}); large ops have far more rows and stay parallel.
 * These must be in place before the first ND4J class initialises; if ND4J was touched earlier the
 * call is harmless but too late, which {@link #describe()} reveals. The launcher
 * {@code tools/bin/pointea} additionally sets {@code GLIBC_TUNABLES} (see {@code docs/engine.md}),
 * which cannot be set from inside a running JVM.
 *
 * <pre>{@code
 * Engine.init();                 // idempotent, cheap
 * System.out.println(Engine.describe());
 * }</pre>
 */
public final class Engine {

    /** JavaCPP property selecting a classifier variant of the native build. */
    public static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";
    /** DL4J property that, when {@code true} (M2.1's default), disables all oneDNN layer helpers. */
    public static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    /** JavaCPP off-heap limit (bytes). */
    public static final String MAX_BYTES = "org.bytedeco.javacpp.maxbytes";
    /** JavaCPP resident-set limit (bytes, 0 = unchecked). */
    public static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";

    static final String ONEDNN_LIBRARY =
            "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn/libnd4jcpu.so";

    /** libnd4j TAD threshold applied by {@link #configureBackend()}. */
    public static final int DEFAULT_TAD_THRESHOLD = 256;

    private static final Logger LOG = Logger.getLogger(Engine.class.getName());
    private static volatile boolean backendConfigured;
    private static final Map<String, String> APPLIED = new LinkedHashMap<>();
    private static volatile boolean initialised;

    private Engine() {
    }

    /**
     * Sets the engine properties (once); call before any ND4J class is used. On a CUDA build it
     * first checks that the GPU can run the backend ({@link CudaSupport}) and logs the backend and
     * device.
     *
     * @throws CudaSupport.UnsupportedGpuException when built for CUDA and this machine cannot run it
     */
    public static void init() {
        if (initialised) {
            return;
        }
        synchronized (Engine.class) {
            if (initialised) {
                return;
            }
            CudaSupport.requireUsable();
            if (onednnBuildPresent()) {
                setIfAbsent(PLATFORM_EXTENSION, "-onednn");
            }
            setIfAbsent(HELPERS_DISABLE, "false");
            long physical = physicalMemoryBytes();
            if (physical > 0 && System.getProperty(MAX_BYTES) == null
                    && System.getProperty("org.bytedeco.javacpp.maxBytes") == null) {
                setIfAbsent(MAX_BYTES, Long.toString(physical / 4 * 3));
            }
            if (System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") == null) {
                setIfAbsent(MAX_PHYSICAL_BYTES, "0");
            }
            initialised = true;
        }
    }

    /**
     * Applies the settings that need the loaded backend (the TAD threshold); idempotent. Loads
     * ND4J.
     */
    public static void configureBackend() {
        init();
        if (backendConfigured) {
            return;
        }
        synchronized (Engine.class) {
            if (!backendConfigured) {
                EngineInfo.setTadThreshold(Integer.getInteger("pointea.tadThreshold", DEFAULT_TAD_THRESHOLD));
                backendConfigured = true;
            }
        }
    }

    /** The properties this class set (name to value), for logs and tests. */
    public static Map<String, String> applied() {
        synchronized (Engine.class) {
            return Map.copyOf(APPLIED);
        }
    }

    /** True when the oneDNN build of libnd4j is on the class path. */
    public static boolean onednnBuildPresent() {
        ClassLoader cl = Engine.class.getClassLoader();
        return cl != null && cl.getResource(ONEDNN_LIBRARY) != null;
    }

    /**
     * One line describing the loaded backend: backend name, native build flags, threads and
     * whether DL4J's oneDNN helpers are live. Loads ND4J.
     */
    public static String describe() {
        init();
        return EngineInfo.describe();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
            APPLIED.put(key, value);
        }
    }

    private static long physicalMemoryBytes() {
        try {
            var os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
                return sun.getTotalMemorySize();
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.fine(() -> "cannot read physical memory size: " + e);
        }
        return -1;
    }
}
