package org.pointea.models.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, before ND4J's CUDA backend loads, whether it can run here, and stops with an explanation
 * instead of a crash in native code when it cannot.
 *
 * <p>The released CUDA backend, {@code nd4j-cuda-11.6:1.0.0-M2.1} (built with the {@code cuda}
 * Maven profile), carries machine code (SASS) for compute capabilities 3.7, 5.0, 5.2, 6.0, 6.1,
 * 7.0, 7.5, 8.0 and 8.6 and no PTX, so nothing can be compiled for a newer GPU at run time. Its
 * native library links against the CUDA 11 runtime ({@code libcudart.so.11.0},
 * {@code libcublas.so.11}, {@code libcusolver.so.11}) and needs an NVIDIA driver that runs CUDA 11
 * ({@value #MIN_DRIVER} or newer). This class asks the driver through
 * {@code nvidia-smi --query-gpu=index,uuid,name,compute_cap,driver_version --format=csv,noheader}
 * (a separate process: nothing is loaded into the JVM), looks for the runtime libraries where
 * JavaCPP will look, and refuses to continue when
 * <ul>
 *   <li>there is no NVIDIA driver or no GPU ({@code nvidia-smi} missing or failing),</li>
 *   <li>the driver is older than {@value #MIN_DRIVER},</li>
 *   <li>a visible GPU's compute capability is outside 3.7–8.6 (Ada {@code sm_89}, Hopper
 *       {@code sm_90}, Blackwell and later; Kepler before 3.7), or</li>
 *   <li>the CUDA 11 runtime libraries cannot be found.</li>
 * </ul>
 * The message says what was found and how to fall back to the CPU build. Setting
 * {@code -D}{@value #ALLOW_UNSUPPORTED}{@code =true} turns a refusal into a warning (for example to
 * try an Ada GPU, whose architecture NVIDIA documents as able to run {@code sm_86} code; not
 * verified here). Nothing is checked when the CUDA backend is not on the class path (the default
 * CPU build), and the probe runs once per JVM.
 *
 * <pre>{@code
 * CudaSupport.requireUsable();           // no-op on the CPU build; throws UnsupportedGpuException
 * CudaSupport.Verdict v = CudaSupport.decide(observation);   // the decision alone, for tests
 * }</pre>
 * See {@code docs/gpu.md}.
 */
public final class CudaSupport {
    /** System property that turns a refusal into a logged warning. */
    public static final String ALLOW_UNSUPPORTED = "pointea.cuda.allowUnsupported";
    /** The oldest driver that runs CUDA 11.x applications (CUDA minor-version compatibility). */
    public static final String MIN_DRIVER = "450.80.02";
    /** Compute capabilities (major·10 + minor) with machine code in {@code libnd4jcuda.so}. */
    public static final List<Integer> KERNEL_ARCHITECTURES = List.of(37, 50, 52, 60, 61, 70, 75, 80, 86);
    /** The CUDA 11 runtime libraries the backend's native code links against. */
    public static final List<String> RUNTIME_LIBRARIES = List.of("libcudart.so.11.0", "libcublas.so.11",
            "libcusolver.so.11");
    /** The ND4J CUDA backend's class, as a class-path resource (looked up without loading it). */
    static final String BACKEND_RESOURCE = "org/nd4j/linalg/jcublas/JCublasBackend.class";
    /** Where JavaCPP's CUDA redistributable jars keep the libraries. */
    static final String REDIST_PREFIX = "org/bytedeco/cuda/linux-x86_64/";

    static final String QUERY = "--query-gpu=index,uuid,name,compute_cap,driver_version";
    static final String QUERY_OLD = "--query-gpu=index,uuid,name,driver_version";
    static final String CPU_FALLBACK = "To run on the CPU instead, build without the cuda profile "
            + "(mvn -B -DskipTests package) and use that build; see docs/gpu.md.";

    private static final Logger LOG = LoggerFactory.getLogger(CudaSupport.class);
    private static volatile Verdict cached;

    private CudaSupport() {
    }

    /** The thrown refusal: the GPU or driver here cannot run the released CUDA backend. */
    public static final class UnsupportedGpuException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        /** Creates it with the explanation. */
        public UnsupportedGpuException(String message) {
            super(message);
        }
    }

    /**
     * One GPU as {@code nvidia-smi} lists it.
     *
     * @param index   the driver's index
     * @param uuid    its UUID ({@code GPU-...})
     * @param name    its name
     * @param major   compute capability major, or -1 when the driver could not say
     * @param minor   compute capability minor, or -1
     */
    public record Gpu(int index, String uuid, String name, int major, int minor) {
        /** {@code 8.6}, or {@code unknown}. */
        public String capability() {
            return major < 0 ? "unknown" : major + "." + minor;
        }

        /**
         * True when the capability is within 3.7–8.6 and the backend has machine code this GPU runs
         * (an architecture of the same major version and a minor version not above the GPU's); true
         * when the capability is unknown.
         */
        public boolean supported() {
            if (major < 0) {
                return true;
            }
            int cc = major * 10 + minor;
            if (cc < KERNEL_ARCHITECTURES.get(0) || cc > KERNEL_ARCHITECTURES.get(KERNEL_ARCHITECTURES.size() - 1)) {
                return false;
            }
            // machine code for X.y runs on X.z when z >= y (e.g. sm_52 code on a 5.3 Jetson)
            for (int a : KERNEL_ARCHITECTURES) {
                if (a / 10 == major && a % 10 <= minor) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "GPU " + index + " " + name + " (compute capability " + capability() + ")";
        }
    }

    /**
     * What running {@code nvidia-smi} gave.
     *
     * @param found    false when there is no {@code nvidia-smi} to run
     * @param exitCode its exit code (-1 when not found or timed out)
     * @param output   its standard output and error
     */
    public record Smi(boolean found, int exitCode, String output) {
        /** Validates. */
        public Smi {
            output = Objects.requireNonNullElse(output, "");
        }

        /** No {@code nvidia-smi} here. */
        public static Smi notFound() {
            return new Smi(false, -1, "");
        }
    }

    /**
     * Everything the decision is made from.
     *
     * @param backendPresent   the CUDA backend is on the class path
     * @param query            {@code nvidia-smi} with {@link #QUERY}
     * @param fallback         {@code nvidia-smi} with {@link #QUERY_OLD} (drivers before R510 do not
     *                         know {@code compute_cap}), or null when not run
     * @param visibleDevices   the value of {@code CUDA_VISIBLE_DEVICES}, or null when unset
     * @param missingLibraries CUDA runtime libraries that could not be found
     * @param allowUnsupported {@value #ALLOW_UNSUPPORTED} is set
     */
    public record Observation(boolean backendPresent, Smi query, Smi fallback, String visibleDevices,
                              List<String> missingLibraries, boolean allowUnsupported) {
        /** Validates. */
        public Observation {
            Objects.requireNonNull(query, "query");
            missingLibraries = List.copyOf(missingLibraries);
        }
    }

    /**
     * The decision.
     *
     * @param usable   the CUDA backend may be loaded (possibly only because the refusal was overridden)
     * @param cuda     the CUDA backend is on the class path
     * @param gpus     the GPUs the backend will see
     * @param driver   the driver version, or null
     * @param message  a one-paragraph explanation: the GPUs found, or why the backend cannot run
     *                 and what to do instead
     */
    public record Verdict(boolean usable, boolean cuda, List<Gpu> gpus, String driver, String message) {
        /** Validates. */
        public Verdict {
            gpus = List.copyOf(gpus);
            Objects.requireNonNull(message, "message");
        }
    }

    /** True when the ND4J CUDA backend is on the class path (nothing is loaded). */
    public static boolean cudaBackendPresent() {
        ClassLoader cl = CudaSupport.class.getClassLoader();
        return cl != null && cl.getResource(BACKEND_RESOURCE) != null;
    }

    /**
     * Checks this machine once (see the class comment) and logs the GPUs found.
     *
     * @throws UnsupportedGpuException when the CUDA backend is on the class path and cannot run here
     */
    public static void requireUsable() {
        Verdict v = check();
        if (!v.usable()) {
            throw new UnsupportedGpuException(v.message());
        }
    }

    /**
     * Checks this machine once per JVM and logs the outcome (INFO with the backend, GPUs, compute
     * capabilities and driver on a usable CUDA build; WARN when a refusal was overridden; DEBUG on
     * the CPU build); does not throw.
     *
     * @return the verdict
     */
    public static Verdict check() {
        Verdict v = cached;
        if (v == null) {
            synchronized (CudaSupport.class) {
                v = cached;
                if (v == null) {
                    v = decide(observe());
                    if (v.usable() && v.message().startsWith("WARNING")) {
                        LOG.warn(v.message());
                    } else if (v.usable() && v.cuda()) {
                        LOG.info(v.message());
                    } else if (v.usable()) {
                        LOG.debug(v.message()); // the default CPU build: nothing to report at start
                    }
                    cached = v;
                }
            }
        }
        return v;
    }

    /** Gathers the observation on this machine (runs {@code nvidia-smi} when the backend is present). */
    public static Observation observe() {
        boolean present = cudaBackendPresent();
        boolean allow = Boolean.getBoolean(ALLOW_UNSUPPORTED);
        String visible = System.getenv("CUDA_VISIBLE_DEVICES");
        if (!present) {
            return new Observation(false, Smi.notFound(), null, visible, List.of(), allow);
        }
        Smi q = runSmi(QUERY);
        Smi old = null;
        if (q.found() && q.exitCode() != 0 && q.output().contains("compute_cap")) {
            old = runSmi(QUERY_OLD);
        }
        return new Observation(true, q, old, visible, missingLibraries(), allow);
    }

    /**
     * The decision, from an observation alone (no I/O): see the class comment for the rules.
     *
     * @param o what was observed
     * @return the verdict
     */
    public static Verdict decide(Observation o) {
        if (!o.backendPresent()) {
            return new Verdict(true, false, List.of(), null, "ND4J backend: CPU (nd4j-native" + (onednnBuildPresent()
                    ? ", oneDNN build" : "") + "); " + cpuName());
        }
        Smi q = o.query();
        if (!q.found()) {
            return refuse(o, List.of(), null, "no NVIDIA driver found: nvidia-smi is not on the PATH. This pointea "
                    + "build uses ND4J's CUDA backend (nd4j-cuda-11.6), which needs an NVIDIA GPU of compute "
                    + "capability 3.7-8.6 and a driver " + MIN_DRIVER + " or newer.");
        }
        List<Gpu> gpus;
        String driver;
        if (q.exitCode() == 0) {
            Parsed p = parse(q.output(), true);
            gpus = p.gpus();
            driver = p.driver();
        } else if (o.fallback() != null && o.fallback().exitCode() == 0) {
            Parsed p = parse(o.fallback().output(), false);
            gpus = p.gpus();
            driver = p.driver();
        } else {
            String out = firstLine(q.output());
            return refuse(o, List.of(), null, "nvidia-smi failed (exit code " + q.exitCode() + (out.isEmpty() ? ""
                    : ": " + out) + "), so no usable NVIDIA driver or GPU is present. ND4J's CUDA backend "
                    + "(nd4j-cuda-11.6) needs an NVIDIA GPU of compute capability 3.7-8.6 and a driver "
                    + MIN_DRIVER + " or newer.");
        }
        if (gpus.isEmpty()) {
            return refuse(o, gpus, driver, "nvidia-smi lists no GPU.");
        }
        List<Gpu> visible = visible(gpus, o.visibleDevices());
        if (visible.isEmpty()) {
            return refuse(o, visible, driver, "CUDA_VISIBLE_DEVICES=" + o.visibleDevices() + " hides every GPU ("
                    + describe(gpus) + ").");
        }
        if (driver != null && compareVersions(driver, MIN_DRIVER) < 0) {
            return refuse(o, visible, driver, "the NVIDIA driver " + driver + " is too old for CUDA 11: "
                    + "nd4j-cuda-11.6 needs " + MIN_DRIVER + " or newer. Update the driver.");
        }
        List<Gpu> bad = visible.stream().filter(g -> !g.supported()).toList();
        if (!bad.isEmpty()) {
            List<Gpu> good = visible.stream().filter(Gpu::supported).toList();
            StringBuilder m = new StringBuilder();
            m.append(describe(bad)).append(bad.size() == 1 ? " is" : " are").append(" not supported by ND4J's "
                    + "released CUDA backend (nd4j-cuda-11.6 1.0.0-M2.1), which has kernels for compute capability "
                    + "3.7-8.6 only (sm_37 to sm_86, no PTX): ");
            if (bad.stream().anyMatch(g -> g.major() >= 9)) {
                m.append("Hopper (9.0), Blackwell and later GPUs cannot run it at all. ");
            } else if (bad.stream().anyMatch(g -> g.major() == 8)) {
                m.append("Ada (8.9) is newer than the backend; NVIDIA documents Ada as able to run sm_86 code, "
                        + "but this was never verified with ND4J (its cuDNN 8.3 predates Ada); set -D"
                        + ALLOW_UNSUPPORTED + "=true to try at your own risk. ");
            } else {
                m.append("the GPU is older than the oldest architecture it was built for. ");
            }
            if (!good.isEmpty()) {
                m.append("To use only the supported GPU").append(good.size() == 1 ? "" : "s").append(", set "
                        + "CUDA_VISIBLE_DEVICES=").append(good.stream().map(g -> Integer.toString(g.index()))
                        .collect(Collectors.joining(","))).append(". ");
            }
            return refuse(o, visible, driver, m.toString().strip());
        }
        if (!o.missingLibraries().isEmpty()) {
            return refuse(o, visible, driver, "the CUDA 11 runtime libraries " + String.join(", ",
                    o.missingLibraries()) + " were not found (nd4j-cuda-11.6 links against them). Install the "
                    + "CUDA 11.6 toolkit (its lib64 folder on LD_LIBRARY_PATH) or add "
                    + "org.bytedeco:cuda-platform-redist:11.6-8.3-1.5.7 to the class path.");
        }
        String unknown = visible.stream().anyMatch(g -> g.major() < 0)
                ? " (this driver cannot report compute capabilities; it predates Ada and Hopper, so the GPUs are "
                + "assumed supported)" : "";
        return new Verdict(true, true, visible, driver, "ND4J backend: CUDA (nd4j-cuda-11.6); " + describe(visible)
                + (driver == null ? "" : "; driver " + driver) + unknown);
    }

    /** The CPU's model name and logical processors, from {@code /proc/cpuinfo} where there is one. */
    private static boolean onednnBuildPresent() {
        ClassLoader cl = CudaSupport.class.getClassLoader();
        return cl != null && cl.getResource(
                "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn/libnd4jcpu.so") != null;
    }

    static String cpuName() {
        String model = null;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).strip();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the processor count alone
        }
        int n = Runtime.getRuntime().availableProcessors();
        return (model == null ? "CPU" : model) + ", " + n + " logical processor" + (n == 1 ? "" : "s");
    }

    private static Verdict refuse(Observation o, List<Gpu> gpus, String driver, String why) {
        if (o.allowUnsupported()) {
            return new Verdict(true, true, gpus, driver, "WARNING: " + why + " Continuing because -D"
                    + ALLOW_UNSUPPORTED + "=true; ND4J may fail or crash in native code.");
        }
        return new Verdict(false, true, gpus, driver, "cannot use the GPU: " + why + " " + CPU_FALLBACK);
    }

    private static String describe(List<Gpu> gpus) {
        return gpus.stream().map(Gpu::toString).collect(Collectors.joining(", "));
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    private record Parsed(List<Gpu> gpus, String driver) {
    }

    /** Parses {@code index, uuid, name[, compute_cap], driver_version} lines. */
    static Parsed parse(String output, boolean withCapability) {
        List<Gpu> gpus = new ArrayList<>();
        String driver = null;
        int fields = withCapability ? 5 : 4;
        for (String line : output.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length < fields) {
                continue;
            }
            // a GPU name never holds a comma in practice, but join the middle fields if it does
            int extra = f.length - fields;
            String name = String.join(",", java.util.Arrays.copyOfRange(f, 2, 3 + extra)).strip();
            int index;
            try {
                index = Integer.parseInt(f[0].strip());
            } catch (NumberFormatException e) {
                continue;
            }
            int major = -1;
            int minor = -1;
            if (withCapability) {
                String cc = f[3 + extra].strip();
                int dot = cc.indexOf('.');
                try {
                    if (dot > 0) {
                        major = Integer.parseInt(cc.substring(0, dot));
                        minor = Integer.parseInt(cc.substring(dot + 1));
                    }
                } catch (NumberFormatException e) {
                    major = -1;
                    minor = -1;
                }
            }
            gpus.add(new Gpu(index, f[1].strip(), name, major, minor));
            driver = f[f.length - 1].strip();
        }
        return new Parsed(gpus, driver);
    }

    /** The GPUs CUDA will show, after {@code CUDA_VISIBLE_DEVICES} (indices, UUIDs or UUID prefixes). */
    static List<Gpu> visible(List<Gpu> gpus, String spec) {
        if (spec == null) {
            return gpus;
        }
        Set<Gpu> out = new LinkedHashSet<>();
        for (String raw : spec.split(",")) {
            String s = raw.strip();
            if (s.isEmpty()) {
                break;
            }
            Gpu match = null;
            if (s.matches("-?\\d+")) {
                int i = Integer.parseInt(s);
                if (i < 0) {
                    break;
                }
                match = gpus.stream().filter(g -> g.index() == i).findFirst().orElse(null);
            } else if (s.startsWith("GPU-")) {
                match = gpus.stream().filter(g -> g.uuid().startsWith(s)).findFirst().orElse(null);
            } else {
                return gpus; // MIG or other forms: do not guess, check every GPU
            }
            if (match == null) {
                break; // CUDA ignores the entries after an invalid one
            }
            out.add(match);
        }
        return List.copyOf(out);
    }

    /** Compares dotted version numbers numerically ({@code 450.80.02} &lt; {@code 535.104.05}). */
    static int compareVersions(String a, String b) {
        String[] x = a.strip().split("\\.");
        String[] y = b.strip().split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int u = i < x.length ? parseOrZero(x[i]) : 0;
            int v = i < y.length ? parseOrZero(y[i]) : 0;
            if (u != v) {
                return Integer.compare(u, v);
            }
        }
        return 0;
    }

    private static int parseOrZero(String s) {
        try {
            return Integer.parseInt(s.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Runs {@code nvidia-smi <query> --format=csv,noheader} from the PATH with a 20 s limit. */
    static Smi runSmi(String query) {
        return runSmi(findOnPath("nvidia-smi"), query);
    }

    /** Runs {@code exe <query> --format=csv,noheader} with a 20 s limit ({@code exe} null: not found). */
    static Smi runSmi(Path exe, String query) {
        if (exe == null) {
            return Smi.notFound();
        }
        try {
            Process p = new ProcessBuilder(exe.toString(), query, "--format=csv,noheader")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Smi(true, -1, "nvidia-smi did not answer within 20 s");
            }
            return new Smi(true, p.exitValue(), out.get(5, TimeUnit.SECONDS));
        } catch (IOException e) {
            return new Smi(true, -1, "cannot run nvidia-smi: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Smi(true, -1, "interrupted while running nvidia-smi");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Smi(true, -1, "cannot read nvidia-smi's output: " + e);
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static Path findOnPath(String name) {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>();
        if (path != null) {
            dirs.addAll(List.of(path.split(java.io.File.pathSeparator)));
        }
        dirs.add("/usr/bin");
        dirs.add("/usr/local/nvidia/bin");
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * The {@link #RUNTIME_LIBRARIES} found neither on the class path (JavaCPP's redistributable
     * jars) nor in the library folders the dynamic linker and JavaCPP search.
     */
    static List<String> missingLibraries() {
        List<Path> dirs = new ArrayList<>();
        for (String var : new String[] {System.getenv("LD_LIBRARY_PATH"), System.getProperty("java.library.path")}) {
            if (var != null) {
                for (String d : var.split(java.io.File.pathSeparator)) {
                    if (!d.isBlank()) {
                        dirs.add(Path.of(d));
                    }
                }
            }
        }
        // the RUNPATH of libnd4jcuda.so, the usual toolkit folders, the distributions' library folders
        dirs.add(Path.of("/usr/local/cuda-11.6/lib64"));
        dirs.add(Path.of("/usr/local/cuda/lib64"));
        try (var s = Files.list(Path.of("/usr/local"))) {
            s.filter(p -> p.getFileName().toString().startsWith("cuda-11")).forEach(p -> dirs.add(p.resolve("lib64")));
        } catch (IOException | RuntimeException e) {
            // no /usr/local: nothing to add
        }
        for (String d : new String[] {"/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64",
            "/usr/lib", "/usr/local/lib"}) {
            dirs.add(Path.of(d));
        }
        String ldconfig = ldconfigListing();
        ClassLoader cl = CudaSupport.class.getClassLoader();
        List<String> missing = new ArrayList<>();
        for (String lib : RUNTIME_LIBRARIES) {
            boolean found = (cl != null && cl.getResource(REDIST_PREFIX + lib) != null)
                    || dirs.stream().anyMatch(d -> Files.exists(d.resolve(lib)))
                    || ldconfig.contains(lib + " ");
            if (!found) {
                missing.add(lib);
            }
        }
        return missing;
    }

    private static String ldconfigListing() {
        for (String exe : new String[] {"/sbin/ldconfig", "/usr/sbin/ldconfig"}) {
            if (Files.isExecutable(Path.of(exe))) {
                try {
                    Process p = new ProcessBuilder(exe, "-p").redirectErrorStream(true).start();
                    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
                    if (p.waitFor(10, TimeUnit.SECONDS)) {
                        return out.get(5, TimeUnit.SECONDS);
                    }
                    p.destroyForcibly();
                } catch (IOException | java.util.concurrent.ExecutionException
                         | java.util.concurrent.TimeoutException e) {
                    return "";
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "";
                }
            }
        }
        return "";
    }

    /** A short description for logs: the verdict's message. */
    public static String describe() {
        return check().message();
    }
}
