package org.pointea.models.backend.nd4j;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.pointea.models.engine.CudaSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime settings of the ND4J backend, all in this one place and applied by the library
 * itself before ND4J loads, so that a Java program using pointea gets the speed of the
 * {@code pointea} command without any JVM flag or environment variable ({@code docs/engine.md},
 * "Settings"). Each is applied only when the user has not set it:
 * <ul>
 *   <li>{@code OMP_WAIT_POLICY=PASSIVE} in the process environment (through libc's
 *       {@code setenv}, before libnd4j's OpenMP runtime reads it): OpenMP threads sleep instead of
 *       spinning while they wait. Spinning made training 5–10× slower on a machine with other busy
 *       processes ({@code docs/training.md}, "Threads").</li>
 *   <li>glibc's allocator keeps freed memory mapped ({@code mallopt}: no {@code mmap} for large
 *       blocks, no trimming, a 256 MB top pad, one arena for threads that start after this call),
 *       the in-process equivalent of the {@code GLIBC_TUNABLES} the launcher used to set; skipped
 *       when {@code GLIBC_TUNABLES} is set.</li>
 *   <li>{@code org.bytedeco.javacpp.platform.extension=-onednn} when the oneDNN build of
 *       nd4j-native is on the class path (JavaCPP never picks it by itself).</li>
 *   <li>{@code org.eclipse.deeplearning4j.helpers.disable=false} (DL4J M2.1 defaults it to true,
 *       dropping every oneDNN layer helper; the shim {@code org.nd4j.nativeblas.Nd4jCpu} is the
 *       other half of that fix).</li>
 *   <li>{@code org.bytedeco.javacpp.maxbytes} = ¾ of physical memory (JavaCPP caps off-heap
 *       memory at {@code -Xmx} otherwise) and {@code maxphysicalbytes=0} (no RSS polling per
 *       allocation).</li>
 *   <li>once ND4J is loaded, libnd4j's TAD threshold {@value #DEFAULT_TAD_THRESHOLD}
 *       ({@code -Dpointea.tadThreshold}): the default of 1 opens an OpenMP team per small op.</li>
 * </ul>
 * If ND4J or its OpenMP runtime was loaded before (another library touched it first), the
 * environment settings come too late; a warning says so and {@link #describe()} shows what is in
 * effect.
 */
public final class Nd4jRuntime {
    /** JavaCPP property selecting a classifier variant of the native build. */
    public static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";
    /** DL4J property that, when {@code true} (M2.1's default), disables all oneDNN layer helpers. */
    public static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    /** JavaCPP off-heap limit (bytes). */
    public static final String MAX_BYTES = "org.bytedeco.javacpp.maxbytes";
    /** JavaCPP resident-set limit (bytes, 0 = unchecked). */
    public static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";
    /** The OpenMP wait policy applied when the environment has none. */
    public static final String OMP_WAIT_POLICY = "PASSIVE";
    /**
     * The allocator tuning as a {@code GLIBC_TUNABLES} value (what {@link #init()} applies with
     * {@code mallopt}; the trim threshold is capped at 2 GiB there, {@code mallopt} taking an int).
     */
    public static final String GLIBC_TUNABLES = "glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:"
            + "glibc.malloc.trim_threshold=68719476736:glibc.malloc.top_pad=268435456";
    /** libnd4j TAD threshold applied by {@link #configureBackend()}. */
    public static final int DEFAULT_TAD_THRESHOLD = 256;

    static final String ONEDNN_LIBRARY =
            "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn/libnd4jcpu.so";

    // glibc <malloc.h>
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_MAX = -4;
    private static final int M_ARENA_MAX = -8;

    private static final Logger LOG = LoggerFactory.getLogger(Nd4jRuntime.class);
    private static final Map<String, String> APPLIED = new LinkedHashMap<>();
    private static volatile boolean initialised;
    private static volatile boolean backendConfigured;

    private Nd4jRuntime() {
    }

    /** The C library's environment and allocator calls (through JNA). */
    interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);

        int mallopt(int param, int value);
    }

    /**
     * Applies the settings that must precede ND4J's loading (once; cheap afterwards). On the ND4J
     * CUDA build it first checks that the GPU can run it ({@link CudaSupport}).
     *
     * @throws CudaSupport.UnsupportedGpuException when built for ND4J's CUDA backend and this machine cannot run it
     */
    public static void init() {
        if (initialised) {
            return;
        }
        synchronized (Nd4jRuntime.class) {
            if (initialised) {
                return;
            }
            CudaSupport.requireUsable();
            applyNativeSettings();
            if (onednnBuildPresent()) {
                setPropertyIfAbsent(PLATFORM_EXTENSION, "-onednn");
            }
            setPropertyIfAbsent(HELPERS_DISABLE, "false");
            long physical = physicalMemoryBytes();
            if (physical > 0 && System.getProperty(MAX_BYTES) == null
                    && System.getProperty("org.bytedeco.javacpp.maxBytes") == null) {
                setPropertyIfAbsent(MAX_BYTES, Long.toString(physical / 4 * 3));
            }
            if (System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") == null) {
                setPropertyIfAbsent(MAX_PHYSICAL_BYTES, "0");
            }
            initialised = true;
        }
    }

    private static void applyNativeSettings() {
        boolean lateOmp = openMpLoaded();
        LibC libc;
        try {
            libc = Native.loadLibrary("c", LibC.class);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("cannot reach the C library ({}): set OMP_WAIT_POLICY=PASSIVE and GLIBC_TUNABLES={} in the "
                    + "environment yourself, or training may run several times slower on a busy machine", e,
                    GLIBC_TUNABLES);
            return;
        }
        String policy = libc.getenv("OMP_WAIT_POLICY");
        if (policy == null) {
            if (lateOmp) {
                LOG.warn("OpenMP was loaded before pointea could set OMP_WAIT_POLICY=PASSIVE; set it in the "
                        + "environment, or call Backends.cpu() before anything else touches ND4J");
            } else if (libc.setenv("OMP_WAIT_POLICY", OMP_WAIT_POLICY, 0) == 0) {
                APPLIED.put("env OMP_WAIT_POLICY", OMP_WAIT_POLICY);
            }
        }
        if (System.getenv("GLIBC_TUNABLES") == null) {
            int ok = 0;
            ok += libc.mallopt(M_MMAP_MAX, 0);
            ok += libc.mallopt(M_TRIM_THRESHOLD, Integer.MAX_VALUE);
            ok += libc.mallopt(M_TOP_PAD, 256 << 20);
            ok += libc.mallopt(M_ARENA_MAX, 1);
            if (ok == 4) {
                APPLIED.put("mallopt", "mmap_max=0, trim_threshold=2147483647, top_pad=268435456, arena_max=1");
            }
        }
    }

    /** True when an OpenMP runtime is already mapped into this process (it read its environment then). */
    static boolean openMpLoaded() {
        try {
            String maps = Files.readString(Path.of("/proc/self/maps"));
            return maps.contains("libgomp") || maps.contains("libiomp") || maps.contains("libomp.so");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Applies the settings that need the loaded backend (the TAD threshold); loads ND4J. Idempotent. */
    static void configureBackend() {
        init();
        if (backendConfigured) {
            return;
        }
        synchronized (Nd4jRuntime.class) {
            if (!backendConfigured) {
                Nd4j.getEnvironment().setTadThreshold(Integer.getInteger("pointea.tadThreshold",
                        DEFAULT_TAD_THRESHOLD));
                backendConfigured = true;
            }
        }
    }

    /** The settings this class applied (name to value), for logs and tests. */
    public static Map<String, String> applied() {
        synchronized (Nd4jRuntime.class) {
            return Map.copyOf(APPLIED);
        }
    }

    /** True when the oneDNN build of libnd4j is on the class path. */
    public static boolean onednnBuildPresent() {
        ClassLoader cl = Nd4jRuntime.class.getClassLoader();
        return cl != null && cl.getResource(ONEDNN_LIBRARY) != null;
    }

    /**
     * One line describing the loaded backend: native build flags, threads, OpenMP wait policy, TAD
     * threshold, whether DL4J's oneDNN helpers are live. Loads ND4J.
     */
    public static String describe() {
        configureBackend();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String build = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        boolean onednn = build != null && build.contains("HAVE_ONEDNN");
        String policy;
        try {
            policy = Native.loadLibrary("c", LibC.class).getenv("OMP_WAIT_POLICY");
        } catch (RuntimeException | LinkageError e) {
            policy = System.getenv("OMP_WAIT_POLICY");
        }
        return "backend=" + env.getProperty("backend")
                + " onednn=" + onednn
                + " dl4jHelpers=" + dl4jHelpersLive()
                + " ompThreads=" + env.get("omp.threads")
                + " ompWaitPolicy=" + (policy == null ? "default" : policy)
                + " tadThreshold=" + Nd4j.getEnvironment().tadThreshold()
                + " blas=" + env.get("blas.vendor");
    }

    /** ND4J's current thread count (OpenMP's maximum, which its CPU ops use). */
    static int threads() {
        configureBackend();
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    /** Sets ND4J's op threads, master threads, OpenMP threads and BLAS threads to {@code n}. */
    static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        configureBackend();
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
    }

    /** True when DL4J's layer helpers will use oneDNN (needs the property and the shim). */
    static boolean dl4jHelpersLive() {
        try {
            return BaseMKLDNNHelper.mklDnnEnabled();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static void setPropertyIfAbsent(String key, String value) {
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
            LOG.debug("cannot read physical memory size: {}", e.toString());
        }
        return -1;
    }
}
