package org.pointea.models.cuda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decides, without loading any CUDA library, whether the CUDA backend can run here, from
 * {@code nvidia-smi}'s GPU list and the {@link CudaLibraries} report: the start-up check behind
 * {@link CudaBackendProvider#unavailableReason()}. It accepts every GPU from Volta (compute
 * capability 7.0) on, and refuses, with one line saying what to do, when
 * <ul>
 *   <li>there is no NVIDIA driver ({@code nvidia-smi} missing or failing) or no GPU,</li>
 *   <li>the driver is too old for the presets' CUDA major version (CUDA 12: 525.60.13; CUDA 13:
 *       580.65.06, NVIDIA's minor-version-compatibility floors),</li>
 *   <li>every visible GPU is older than Volta, or</li>
 *   <li>a required CUDA library is missing (the message names it and where it looked).</li>
 * </ul>
 *
 * <pre>{@code
 * String why = CudaBackendSupport.decide(smiOutput, 12, CudaLibraries.find(12));   // null: usable
 * }</pre>
 */
public final class CudaBackendSupport {
    /** The nvidia-smi query used. */
    public static final String QUERY = "--query-gpu=index,name,compute_cap,driver_version";

    private CudaBackendSupport() {
    }

    /** The oldest driver for CUDA major version {@code major} (minor-version compatibility). */
    public static String minimumDriver(int major) {
        return major >= 13 ? "580.65.06" : "525.60.13";
    }

    /**
     * The refusal, or null when the backend can run.
     *
     * @param smi    nvidia-smi's CSV output ({@value #QUERY}, no header), or null when it is
     *               missing or failed
     * @param major  the presets' CUDA major version
     * @param libs   the library report
     */
    public static String decide(String smi, int major, CudaLibraries.Report libs) {
        if (smi == null) {
            return "no NVIDIA driver found (nvidia-smi is missing or failed); the CUDA backend needs an NVIDIA GPU of "
                    + "compute capability " + (major >= 13 ? "7.5 (Turing)" : "7.0 (Volta)") + " or newer and driver " + minimumDriver(major) + " or newer.";
        }
        List<String[]> gpus = new ArrayList<>();
        for (String line : smi.split("\\R")) {
            String[] f = line.split(",");
            if (f.length >= 4 && f[0].strip().matches("\\d+")) {
                gpus.add(new String[] {f[0].strip(), f[1].strip(), f[2].strip(), f[f.length - 1].strip()});
            }
        }
        if (gpus.isEmpty()) {
            return "nvidia-smi lists no GPU.";
        }
        String driver = gpus.get(0)[3];
        if (compareVersions(driver, minimumDriver(major)) < 0) {
            return "the NVIDIA driver " + driver + " is too old for CUDA " + major + " (needs " + minimumDriver(major)
                    + " or newer); update the driver" + (major >= 13 ? ", or use the CUDA 12 build (docs/gpu.md)." : ".");
        }
        boolean anyVolta = false;
        StringBuilder old = new StringBuilder();
        for (String[] g : gpus) {
            int cc = capability(g[2]);
            if (cc < 0 || cc >= (major >= 13 ? 75 : 70)) {
                anyVolta = true;
            } else {
                old.append(old.length() == 0 ? "" : ", ").append("GPU ").append(g[0]).append(' ').append(g[1])
                        .append(" (compute capability ").append(g[2]).append(')');
            }
        }
        if (!anyVolta) {
            return old + (gpus.size() == 1 ? " is" : " are") + " older than "
                    + (major >= 13 ? "Turing (7.5), the oldest GPU CUDA 13 supports" : "Volta (7.0), the oldest GPU "
                    + "this backend runs on") + ".";
        }
        if (!libs.missing().isEmpty()) {
            return "the CUDA " + major + " libraries " + String.join(", ", libs.missing()) + " were not found: install "
                    + "the CUDA " + major + " toolkit (or PyTorch's nvidia-* CUDA " + major + " wheels) and put its "
                    + "library folder on LD_LIBRARY_PATH. " + libs.describe().replace('\n', ' ');
        }
        return null;
    }

    /** Runs nvidia-smi (PATH, /usr/bin, /usr/local/nvidia/bin) with a 20 s limit; null when missing or failing. */
    public static String runSmi() {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(java.io.File.pathSeparator)));
        }
        dirs.add("/usr/bin");
        dirs.add("/usr/local/nvidia/bin");
        for (String d : dirs) {
            Path exe = d.isEmpty() ? null : Path.of(d, "nvidia-smi");
            if (exe != null && Files.isExecutable(exe)) {
                try {
                    Process p = new ProcessBuilder(exe.toString(), QUERY, "--format=csv,noheader")
                            .redirectErrorStream(true).start();
                    p.getOutputStream().close();
                    byte[] out = p.getInputStream().readAllBytes();
                    if (!p.waitFor(20, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                        return null;
                    }
                    return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
                } catch (IOException e) {
                    return null;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        return null;
    }

    private static int capability(String s) {
        int dot = s.indexOf('.');
        try {
            return dot < 0 ? -1 : Integer.parseInt(s.substring(0, dot)) * 10 + Integer.parseInt(s.substring(dot + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int u = i < x.length ? parse(x[i]) : 0;
            int v = i < y.length ? parse(y[i]) : 0;
            if (u != v) {
                return Integer.compare(u, v);
            }
        }
        return 0;
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
