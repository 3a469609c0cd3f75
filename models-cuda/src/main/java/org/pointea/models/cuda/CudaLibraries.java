package org.pointea.models.cuda;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the CUDA libraries the backend loads, without loading them, and says which are missing and
 * where it looked.
 *
 * <p>The backend needs the driver ({@code libcuda.so.1}) and, from the CUDA toolkit of the presets'
 * major version N (12 by default), {@code libcudart.so.N}, {@code libcublas.so.N} and
 * {@code libcublasLt.so.N}; {@code libnvrtc.so.N} is needed only where the build-time PTX cannot be
 * used ({@link KernelLoadPlan}). They are looked for, in order, in {@code LD_LIBRARY_PATH},
 * {@code java.library.path}, {@code $CUDA_HOME}, {@code $CUDA_PATH}, {@code /usr/local/cuda*},
 * the distribution's library folders and the dynamic linker's cache, and in the {@code nvidia/*}
 * packages of Python installs (PyTorch's wheels bring {@code libcublas.so.12} and friends there):
 * the site-packages of {@code $VIRTUAL_ENV}, {@code $CONDA_PREFIX}, {@code /usr/lib/python3*},
 * {@code /usr/local/lib/python3*}, {@code /opt/*}, {@code ~/.local}. A folder found outside the
 * linker's own path must be on {@code LD_LIBRARY_PATH} before the JVM starts:
 * {@link CudaLibraries.Report#ldLibraryPath(String)} gives the value, and {@code tools/gpu/device-check.sh} sets it.
 *
 * <pre>{@code
 * CudaLibraries.Report r = CudaLibraries.find(12);
 * if (!r.missing().isEmpty()) System.err.println(r.describe());
 * }</pre>
 */
public final class CudaLibraries {
    /** The driver library, from the NVIDIA driver (not the toolkit). */
    public static final String DRIVER = "libcuda.so.1";

    private CudaLibraries() {
    }

    /** The toolkit libraries the backend needs for CUDA major version {@code major}. */
    public static List<String> required(int major) {
        return List.of("libcudart.so." + major, "libcublas.so." + major, "libcublasLt.so." + major);
    }

    /** NVRTC of CUDA major version {@code major} (needed only to compile the kernels at start). */
    public static String nvrtc(int major) {
        return "libnvrtc.so." + major;
    }

    /**
     * What was found.
     *
     * @param found   each library found, with the folder it is in (libraries found only in the
     *                linker's cache map to {@code ldconfig})
     * @param missing required libraries not found
     * @param nvrtcFound true when NVRTC was found
     * @param searched every folder looked in, in order
     * @param extraDirs folders holding a found library that the dynamic linker would not search by
     *                  itself: these must be on {@code LD_LIBRARY_PATH}
     */
    public record Report(Map<String, String> found, List<String> missing, boolean nvrtcFound, List<Path> searched,
                         List<Path> extraDirs) {
        /** Copies. */
        public Report {
            found = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(found));
            missing = List.copyOf(missing);
            searched = List.copyOf(searched);
            extraDirs = List.copyOf(extraDirs);
        }

        /** The value {@code LD_LIBRARY_PATH} needs: the extra folders, then the current value. */
        public String ldLibraryPath(String current) {
            List<String> parts = new ArrayList<>();
            extraDirs.forEach(d -> parts.add(d.toString()));
            if (current != null && !current.isBlank()) {
                parts.add(current);
            }
            return String.join(File.pathSeparator, parts);
        }

        /** Several lines: found, missing, and where it looked. */
        public String describe() {
            StringBuilder b = new StringBuilder();
            found.forEach((lib, dir) -> b.append("found ").append(lib).append(" in ").append(dir).append('\n'));
            if (!missing.isEmpty()) {
                b.append("missing ").append(String.join(", ", missing)).append('\n');
            }
            b.append("looked in ").append(searched.size()).append(" folders: ");
            b.append(String.join(", ", searched.stream().map(Path::toString).toList()));
            return b.toString();
        }
    }

    /** Looks on this machine for CUDA major version {@code major}'s libraries. */
    public static Report find(int major) {
        return find(major, searchDirs(System.getenv(), System.getProperty("java.library.path"),
                Path.of(System.getProperty("user.home", "/root"))), ldconfigListing(), linkerDefaultDirs());
    }

    /**
     * Looks in the given folders (in order) and in a {@code ldconfig -p} listing.
     *
     * @param major       CUDA major version
     * @param dirs        folders to look in
     * @param ldconfig    the output of {@code ldconfig -p} ("" when unavailable)
     * @param linkerDirs  folders the dynamic linker searches by itself
     */
    public static Report find(int major, List<Path> dirs, String ldconfig, Set<Path> linkerDirs) {
        List<String> wanted = new ArrayList<>();
        wanted.add(DRIVER);
        wanted.addAll(required(major));
        wanted.add(nvrtc(major));
        Map<String, String> found = new LinkedHashMap<>();
        Set<Path> extra = new LinkedHashSet<>();
        for (String lib : wanted) {
            Path dir = dirs.stream().filter(d -> Files.exists(d.resolve(lib))).findFirst().orElse(null);
            if (dir != null) {
                found.put(lib, dir.toString());
                if (!linkerDirs.contains(dir)) {
                    extra.add(dir);
                }
            } else if (ldconfig.contains(lib + " ")) {
                found.put(lib, "ldconfig");
            }
        }
        List<String> missing = new ArrayList<>();
        for (String lib : wanted) {
            if (!lib.equals(nvrtc(major)) && !found.containsKey(lib)) {
                missing.add(lib);
            }
        }
        return new Report(found, missing, found.containsKey(nvrtc(major)), dirs, new ArrayList<>(extra));
    }

    /** The folders {@link #find(int)} looks in, from the environment and the file system. */
    public static List<Path> searchDirs(Map<String, String> env, String javaLibraryPath, Path home) {
        Set<Path> dirs = new LinkedHashSet<>();
        splitInto(env.get("LD_LIBRARY_PATH"), dirs);
        splitInto(javaLibraryPath, dirs);
        for (String var : new String[] {"CUDA_HOME", "CUDA_PATH"}) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                dirs.add(Path.of(v, "lib64"));
                dirs.add(Path.of(v, "targets", "x86_64-linux", "lib"));
            }
        }
        dirs.add(Path.of("/usr/local/cuda/lib64"));
        dirs.add(Path.of("/usr/local/cuda/targets/x86_64-linux/lib"));
        for (Path p : children(Path.of("/usr/local"), "cuda-*")) {
            dirs.add(p.resolve("lib64"));
            dirs.add(p.resolve("targets/x86_64-linux/lib"));
        }
        dirs.addAll(linkerDefaultDirs());
        dirs.add(Path.of("/usr/local/nvidia/lib64"));
        dirs.add(Path.of("/usr/local/nvidia/lib"));
        for (Path sp : sitePackages(env, home)) {
            // nvidia/<package>/lib (CUDA 12 wheels), nvidia/cu13/lib (CUDA 13 wheels)
            for (Path pkg : children(sp.resolve("nvidia"), "*")) {
                dirs.add(pkg.resolve("lib"));
            }
        }
        return dirs.stream().filter(Files::isDirectory).toList();
    }

    /** Python site-packages folders where PyTorch's CUDA wheels are commonly installed. */
    static List<Path> sitePackages(Map<String, String> env, Path home) {
        List<Path> roots = new ArrayList<>();
        for (String var : new String[] {"VIRTUAL_ENV", "CONDA_PREFIX"}) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                roots.add(Path.of(v));
            }
        }
        roots.add(Path.of("/usr"));
        roots.add(Path.of("/usr/local"));
        roots.add(home.resolve(".local"));
        roots.add(Path.of("/opt/conda"));
        for (Path opt : children(Path.of("/opt"), "*")) {
            roots.add(opt);
            roots.add(opt.resolve(".venv"));
            roots.add(opt.resolve("venv"));
        }
        List<Path> out = new ArrayList<>();
        for (Path root : roots) {
            for (Path py : children(root.resolve("lib"), "python3*")) {
                out.add(py.resolve("site-packages"));
                out.add(py.resolve("dist-packages"));
            }
        }
        return out.stream().filter(Files::isDirectory).toList();
    }

    /** The folders the dynamic linker searches without being told (x86-64 Debian, Ubuntu, RHEL). */
    static Set<Path> linkerDefaultDirs() {
        Set<Path> s = new LinkedHashSet<>();
        for (String d : new String[] {"/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64",
            "/usr/lib", "/lib"}) {
            s.add(Path.of(d));
        }
        return s;
    }

    private static void splitInto(String pathList, Set<Path> dirs) {
        if (pathList != null) {
            for (String d : pathList.split(File.pathSeparator)) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
    }

    private static List<Path> children(Path dir, String glob) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
            s.forEach(out::add);
        } catch (IOException | RuntimeException e) {
            // unreadable: nothing to add
        }
        out.sort(null);
        return out;
    }

    private static String ldconfigListing() {
        for (String exe : new String[] {"/sbin/ldconfig", "/usr/sbin/ldconfig"}) {
            if (Files.isExecutable(Path.of(exe))) {
                try {
                    Process p = new ProcessBuilder(exe, "-p").redirectErrorStream(true).start();
                    p.getOutputStream().close();
                    byte[] out = p.getInputStream().readAllBytes();
                    p.waitFor();
                    return new String(out, java.nio.charset.StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "";
                }
            }
        }
        return "";
    }

    /**
     * Prints what was found for CUDA major version {@code args[0]} (default 12); with
     * {@code --ld-library-path}, prints only the {@code LD_LIBRARY_PATH} value to use.
     */
    public static void main(String[] args) {
        int major = 12;
        boolean ldOnly = false;
        for (String a : args) {
            if (a.equals("--ld-library-path")) {
                ldOnly = true;
            } else {
                major = Integer.parseInt(a);
            }
        }
        Report r = find(major);
        System.out.println(ldOnly ? r.ldLibraryPath(System.getenv("LD_LIBRARY_PATH")) : r.describe());
    }
}
