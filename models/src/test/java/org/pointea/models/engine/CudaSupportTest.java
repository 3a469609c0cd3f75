package org.pointea.models.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.models.engine.CudaSupport.Gpu;
import org.pointea.models.engine.CudaSupport.Observation;
import org.pointea.models.engine.CudaSupport.Smi;
import org.pointea.models.engine.CudaSupport.Verdict;

/**
 * The CUDA decision over simulated machines: what {@code nvidia-smi} prints on each kind of GPU and
 * driver (formats as the R450-R580 drivers print them), {@code CUDA_VISIBLE_DEVICES}, missing
 * runtime libraries and the override. No GPU is needed.
 */
class CudaSupportTest {
    private static final String A100 = "0, GPU-3b1d5e0c-7c3e-2f2c-8c46-8c1b2f3d4e5f, NVIDIA A100-SXM4-40GB, 8.0, 535.104.05\n";
    private static final String RTX3090 = "0, GPU-11111111-2222-3333-4444-555555555555, NVIDIA GeForce RTX 3090, 8.6, 550.54.14\n";
    private static final String H100 = "0, GPU-9f8e7d6c-5b4a-3210-fedc-ba9876543210, NVIDIA H100 80GB HBM3, 9.0, 550.54.15\n";
    private static final String L4 = "0, GPU-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee, NVIDIA L4, 8.9, 535.161.08\n";
    private static final String B200 = "0, GPU-bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee, NVIDIA B200, 10.0, 570.86.15\n";
    private static final String K40 = "0, GPU-cccccccc-bbbb-cccc-dddd-eeeeeeeeeeee, Tesla K40m, 3.5, 470.256.02\n";
    private static final String K80 = "0, GPU-dddddddd-bbbb-cccc-dddd-eeeeeeeeeeee, Tesla K80, 3.7, 470.256.02\n";
    private static final String MIXED = "0, GPU-9f8e7d6c-5b4a-3210-fedc-ba9876543210, NVIDIA H100 80GB HBM3, 9.0, 550.54.15\n"
            + "1, GPU-3b1d5e0c-7c3e-2f2c-8c46-8c1b2f3d4e5f, NVIDIA A100-SXM4-40GB, 8.0, 550.54.15\n";

    private static Observation gpu(String smiOutput) {
        return new Observation(true, new Smi(true, 0, smiOutput), null, null, List.of(), false);
    }

    private static Verdict decide(String smiOutput) {
        return CudaSupport.decide(gpu(smiOutput));
    }

    @Test
    void cpuBuildNeedsNoCheck() {
        Verdict v = CudaSupport.decide(new Observation(false, Smi.notFound(), null, null, List.of(), false));
        assertThat(v.usable()).isTrue();
        assertThat(v.cuda()).isFalse();
        assertThat(v.message()).startsWith("ND4J backend: CPU");
        // this machine's build: the default (cpu) profile, so the check passes without running anything
        assertThat(CudaSupport.cudaBackendPresent()).isFalse();
        CudaSupport.requireUsable();
        assertThat(CudaSupport.check().cuda()).isFalse();
    }

    @Test
    void supportedGpusAreUsedAndDescribed() {
        for (String out : new String[] {A100, RTX3090, K80}) {
            Verdict v = decide(out);
            assertThat(v.usable()).as(out).isTrue();
            assertThat(v.gpus()).hasSize(1);
            assertThat(v.message()).startsWith("ND4J backend: CUDA (nd4j-cuda-11.6); GPU 0 ");
        }
        Verdict v = decide(A100);
        assertThat(v.gpus().get(0)).isEqualTo(new Gpu(0, "GPU-3b1d5e0c-7c3e-2f2c-8c46-8c1b2f3d4e5f",
                "NVIDIA A100-SXM4-40GB", 8, 0));
        assertThat(v.driver()).isEqualTo("535.104.05");
        assertThat(v.message()).contains("NVIDIA A100-SXM4-40GB (compute capability 8.0)").contains("driver 535.104.05");
    }

    @Test
    void hopperAndLaterAreRefusedWithTheReasonAndTheCpuFallback() {
        for (String out : new String[] {H100, B200}) {
            Verdict v = decide(out);
            assertThat(v.usable()).as(out).isFalse();
            assertThat(v.message()).startsWith("cannot use the GPU: ")
                    .contains("compute capability 3.7-8.6 only")
                    .contains("Hopper (9.0), Blackwell and later GPUs cannot run it at all")
                    .contains("build without the cuda profile (mvn -B -DskipTests package)");
        }
        assertThat(decide(H100).message()).contains("NVIDIA H100 80GB HBM3 (compute capability 9.0)");
    }

    @Test
    void adaIsRefusedUnlessOverridden() {
        Verdict v = decide(L4);
        assertThat(v.usable()).isFalse();
        assertThat(v.message()).contains("NVIDIA L4 (compute capability 8.9)").contains("Ada (8.9)")
                .contains("-D" + CudaSupport.ALLOW_UNSUPPORTED + "=true");
        Verdict forced = CudaSupport.decide(new Observation(true, new Smi(true, 0, L4), null, null, List.of(), true));
        assertThat(forced.usable()).isTrue();
        assertThat(forced.message()).startsWith("WARNING: ").contains("may fail or crash");
    }

    @Test
    void keplerBefore37IsRefusedAsTooOld() {
        Verdict v = decide(K40);
        assertThat(v.usable()).isFalse();
        assertThat(v.message()).contains("Tesla K40m (compute capability 3.5)").contains("older than the oldest");
    }

    @Test
    void capabilityRules() {
        assertThat(new Gpu(0, "u", "Jetson TX1", 5, 3).supported()).isTrue();   // sm_52 code runs on 5.3
        assertThat(new Gpu(0, "u", "Titan V", 7, 0).supported()).isTrue();
        assertThat(new Gpu(0, "u", "Xavier", 7, 2).supported()).isTrue();
        assertThat(new Gpu(0, "u", "Orin", 8, 7).supported()).isFalse();       // above 8.6
        assertThat(new Gpu(0, "u", "K20", 3, 5).supported()).isFalse();
        assertThat(new Gpu(0, "u", "old driver", -1, -1).supported()).isTrue();
        assertThat(new Gpu(0, "u", "old driver", -1, -1).capability()).isEqualTo("unknown");
    }

    @Test
    void withAMixedMachineTheSupportedGpusAreSuggested() {
        Verdict v = decide(MIXED);
        assertThat(v.usable()).isFalse();
        assertThat(v.message()).contains("GPU 0 NVIDIA H100").doesNotContain("GPU 1 NVIDIA A100-SXM4-40GB (")
                .contains("set CUDA_VISIBLE_DEVICES=1");
        Verdict only1 = CudaSupport.decide(new Observation(true, new Smi(true, 0, MIXED), null, "1", List.of(), false));
        assertThat(only1.usable()).isTrue();
        assertThat(only1.gpus()).extracting(Gpu::index).containsExactly(1);
        Verdict byUuid = CudaSupport.decide(new Observation(true, new Smi(true, 0, MIXED), null, "GPU-3b1d5e0c",
                List.of(), false));
        assertThat(byUuid.usable()).isTrue();
        Verdict none = CudaSupport.decide(new Observation(true, new Smi(true, 0, MIXED), null, "-1", List.of(),
                false));
        assertThat(none.usable()).isFalse();
        assertThat(none.message()).contains("CUDA_VISIBLE_DEVICES=-1 hides every GPU");
    }

    @Test
    void noDriverOrNoGpuIsRefused() {
        Verdict missing = CudaSupport.decide(new Observation(true, Smi.notFound(), null, null, List.of(), false));
        assertThat(missing.usable()).isFalse();
        assertThat(missing.message()).contains("no NVIDIA driver found: nvidia-smi is not on the PATH")
                .contains("mvn -B -DskipTests package");
        Verdict failed = decide9("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. "
                + "Make sure that the latest NVIDIA driver is installed and running.\n");
        assertThat(failed.usable()).isFalse();
        assertThat(failed.message()).contains("nvidia-smi failed (exit code 9: NVIDIA-SMI has failed");
        Verdict empty = CudaSupport.decide(new Observation(true, new Smi(true, 6, "No devices were found\n"), null,
                null, List.of(), false));
        assertThat(empty.message()).contains("exit code 6: No devices were found");
    }

    private static Verdict decide9(String out) {
        return CudaSupport.decide(new Observation(true, new Smi(true, 9, out), null, null, List.of(), false));
    }

    @Test
    void oldDriversAreRefusedAndPreR510DriversFallBackToNames() {
        Verdict old = decide("0, GPU-1, Tesla V100-SXM2-16GB, 7.0, 418.226.00\n");
        assertThat(old.usable()).isFalse();
        assertThat(old.message()).contains("driver 418.226.00 is too old for CUDA 11").contains("450.80.02");
        // R470 does not know compute_cap: the second query without it is used
        Observation r470 = new Observation(true,
                new Smi(true, 2, "Field \"compute_cap\" is not a valid field to query.\n"),
                new Smi(true, 0, "0, GPU-2, Tesla T4, 470.256.02\n"), null, List.of(), false);
        Verdict v = CudaSupport.decide(r470);
        assertThat(v.usable()).isTrue();
        assertThat(v.gpus().get(0).capability()).isEqualTo("unknown");
        assertThat(v.message()).contains("predates Ada and Hopper");
    }

    @Test
    void missingCuda11RuntimeIsRefused() {
        Verdict v = CudaSupport.decide(new Observation(true, new Smi(true, 0, A100), null, null,
                List.of("libcudart.so.11.0", "libcublas.so.11"), false));
        assertThat(v.usable()).isFalse();
        assertThat(v.message()).contains("CUDA 11 runtime libraries libcudart.so.11.0, libcublas.so.11 were not found")
                .contains("cuda-platform-redist");
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(CudaSupport.compareVersions("450.80.02", CudaSupport.MIN_DRIVER)).isZero();
        assertThat(CudaSupport.compareVersions("450.51.06", CudaSupport.MIN_DRIVER)).isNegative();
        assertThat(CudaSupport.compareVersions("535.104.05", CudaSupport.MIN_DRIVER)).isPositive();
        assertThat(CudaSupport.compareVersions("1000", "999.99")).isPositive();
    }

    @Test
    void runsARealProcessAndParsesItsOutput(@TempDir Path tmp) throws Exception {
        Path fake = tmp.resolve("nvidia-smi");
        Files.writeString(fake, "#!/bin/sh\n[ \"$1\" = \"" + CudaSupport.QUERY + "\" ] || exit 3\nprintf '" + H100
                .replace("\n", "\\n") + "'\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();
        Smi smi = CudaSupport.runSmi(fake, CudaSupport.QUERY);
        assertThat(smi.exitCode()).isZero();
        Verdict v = CudaSupport.decide(new Observation(true, smi, null, null, List.of(), false));
        assertThat(v.usable()).isFalse();
        assertThat(v.gpus()).extracting(Gpu::name).containsExactly("NVIDIA H100 80GB HBM3");
        assertThat(CudaSupport.runSmi(fake, CudaSupport.QUERY_OLD).exitCode()).isEqualTo(3);
        assertThat(CudaSupport.runSmi(null, CudaSupport.QUERY).found()).isFalse();
        assertThatThrownBy(() -> {
            throw new CudaSupport.UnsupportedGpuException(v.message());
        }).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("cannot use the GPU");
    }
}
