package org.pointea.models.cuda;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;

/**
 * The device check's Java side ({@code tools/gpu/device-check.sh} runs it from the bundle): the
 * CUDA libraries found and missing, the start-up check's verdict, every test of
 * {@code org.pointea.models.cuda} (on a GPU the backend tests and the backend conformance suite
 * run), the float32 parity of each mixer and both PCT networks against the CPU-computed fixtures
 * the bundle carries ({@link Parity}), {@code bench model}-style training and inference step times
 * and GPU memory of the PCT classifier at B = 32 × 1,024 points ({@link StepTimes}), and timings of
 * PCT-sized operations, written as one JSON report. Where the GPU cannot be used, each GPU part
 * says it was skipped and why.
 *
 * <pre>
 * java -cp ... org.pointea.models.cuda.DeviceCheck report.json [parity-fixture-dir]
 * </pre>
 */
public final class DeviceCheck {
    private DeviceCheck() {
    }

    /** Writes the report to {@code args[0]}, with the parity fixtures of {@code args[1]} (default: none). */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "device-check.json");
        Path fixtures = args.length > 1 ? Path.of(args[1]) : null;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("started", java.time.Instant.now().toString());
        report.put("java", System.getProperty("java.version"));
        String presets = CudaPresets.version();
        report.put("presets", presets);
        int major = presets == null ? 12 : CudaPresets.cudaMajor(presets);
        CudaLibraries.Report libs = CudaLibraries.find(major);
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("found", libs.found());
        l.put("missing", libs.missing());
        l.put("nvrtc", libs.nvrtcFound());
        l.put("searched", libs.searched().stream().map(Path::toString).toList());
        report.put("libraries", l);
        String smi = CudaBackendSupport.runSmi();
        report.put("nvidia_smi", smi == null ? null : smi.strip());
        String why = new CudaBackendProvider().unavailableReason();
        report.put("unavailable_reason", why);
        report.put("kernels_build", KernelBuild.properties());
        int fixtureCount = countFixtures(fixtures);
        Map<String, Object> parity = new LinkedHashMap<>();
        parity.put("fixtures", fixtures == null ? null : fixtures.toString());
        parity.put("fixture_count", fixtureCount);
        parity.put("target_max_abs_diff", Parity.TARGET);
        Map<String, Object> steps = new LinkedHashMap<>();
        if (why == null) {
            try {
                Backend be = Backends.get("cuda:0");
                report.put("backend", be.describe());
                report.put("op_timings_ms", timings(be));
                if (fixtureCount > 0) {
                    List<Map<String, Object>> r = Parity.compare(fixtures, be, ParityCase.ALL);
                    parity.put("passed", r.stream().allMatch(m -> Boolean.TRUE.equals(m.get("passed"))));
                    parity.put("results", r);
                } else {
                    parity.put("skipped", "no parity fixtures (tools/gpu/build-bundle.sh writes them)");
                }
                steps.putAll(StepTimes.measure((CudaBackend) be, 32, 3, 10));
            } catch (RuntimeException | java.io.IOException e) {
                report.put("backend_error", e.toString());
            }
        } else {
            parity.put("skipped", "the CUDA backend cannot run here: " + why);
            steps.put("skipped", "the CUDA backend cannot run here: " + why);
        }
        report.put("parity", parity);
        report.put("bench_model", steps);
        try {
            report.put("tests", runTests());
        } catch (RuntimeException | LinkageError e) {
            report.put("tests", Map.of("error", e.toString()));
        }
        report.put("finished", java.time.Instant.now().toString());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        json.writeValue(tmp.toFile(), report);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("wrote " + out);
    }

    private static int countFixtures(Path dir) throws java.io.IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        try (var s = Files.list(dir)) {
            return (int) s.filter(f -> f.getFileName().toString().endsWith(".json")).count();
        }
    }

    private static Map<String, Object> runTests() {
        List<Map<String, String>> results = new ArrayList<>();
        int[] counts = new int[3];
        // the models test-jar registers a session listener that opens the CPU backend (ND4J), which
        // the bundle does not carry: only the test engines are discovered here
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableLauncherSessionListenerAutoRegistration(false).build());
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectPackage("org.pointea.models.cuda"))
                .build(), new TestExecutionListener() {
                    @Override
                    public void executionSkipped(TestIdentifier id, String reason) {
                        if (id.isTest()) {
                            counts[2]++;
                            results.add(Map.of("test", id.getUniqueId(), "status", "skipped", "message", reason));
                        }
                    }

                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult r) {
                        if (!id.isTest()) {
                            return;
                        }
                        String status = switch (r.getStatus()) {
                            case SUCCESSFUL -> "passed";
                            case ABORTED -> "skipped";
                            case FAILED -> "failed";
                        };
                        counts[status.equals("passed") ? 0 : status.equals("failed") ? 1 : 2]++;
                        Map<String, String> m = new LinkedHashMap<>();
                        m.put("test", id.getUniqueId());
                        m.put("status", status);
                        r.getThrowable().ifPresent(t -> m.put("message", String.valueOf(t.getMessage())));
                        results.add(m);
                    }
                });
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("passed", counts[0]);
        t.put("failed", counts[1]);
        t.put("skipped", counts[2]);
        t.put("results", results);
        System.out.println(counts[0] + " passed, " + counts[1] + " failed, " + counts[2] + " skipped");
        return t;
    }

    /** Median of 20 runs of PCT-sized operations (B = 32, 1,024 points; first grouping stage [524288, 128]). */
    static Map<String, Double> timings(Backend be) {
        Map<String, Double> t = new LinkedHashMap<>();
        try (DeviceArray x = be.zeros(DType.FLOAT, 524_288, 128); DeviceArray w = be.zeros(DType.FLOAT, 128, 128);
             DeviceArray y = be.zeros(DType.FLOAT, 524_288, 128); DeviceArray g = be.zeros(DType.FLOAT, 16_384, 128);
             DeviceArray cols = be.zeros(DType.FLOAT, 1, 128); DeviceArray p = be.zeros(DType.FLOAT, 32, 1024, 1024);
             DeviceArray q = be.zeros(DType.FLOAT, 32, 1024, 64)) {
            t.put("gemm_524288x128x128", median(be, () -> be.gemm(x, w, y, false, true, 1, 0)));
            t.put("sum_columns_524288x128", median(be, () -> be.sumColumns(x, cols)));
            t.put("max_over_groups_k32", median(be, () -> be.maxOverGroups(x, 32, g)));
            t.put("softmax_32x1024x1024", median(be, () -> be.softmax(p, p)));
            t.put("batched_gemm_32x1024x1024x64", median(be, () -> be.batchedGemm(p, q, q, false, false)));
        }
        return t;
    }

    private static double median(Backend be, Runnable op) {
        double[] ms = new double[20];
        op.run();
        ((CudaBackend) be).device().synchronize();
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            op.run();
            ((CudaBackend) be).device().synchronize();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
