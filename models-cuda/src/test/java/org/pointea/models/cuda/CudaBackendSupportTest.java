package org.pointea.models.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CudaBackendSupportTest {
    private static final CudaLibraries.Report ALL = new CudaLibraries.Report(Map.of(), List.of(), true, List.of(),
            List.of());
    private static final CudaLibraries.Report NO_CUBLAS = new CudaLibraries.Report(Map.of(),
            List.of("libcublas.so.12"), false, List.of(Path.of("/usr/local/cuda/lib64")), List.of());

    @Test
    void acceptsVoltaToBlackwell() {
        for (String cc : new String[] {"7.0", "7.5", "8.0", "8.6", "8.9", "9.0", "10.0", "12.0"}) {
            assertThat(CudaBackendSupport.decide("0, GPU, " + cc + ", 570.86.10\n", 12, ALL)).as(cc).isNull();
        }
    }

    @Test
    void theH100OfTheDeviceCheckIsAcceptedForCuda13() {
        assertThat(CudaBackendSupport.decide("0, NVIDIA H100 80GB HBM3, 9.0, 580.159.04\n", 13, ALL)).isNull();
    }

    @Test
    void refusesWithAReason() {
        assertThat(CudaBackendSupport.decide(null, 12, ALL)).startsWith("no NVIDIA driver found");
        assertThat(CudaBackendSupport.decide("", 12, ALL)).isEqualTo("nvidia-smi lists no GPU.");
        assertThat(CudaBackendSupport.decide("0, Tesla P100, 6.0, 535.104.05\n", 12, ALL))
                .contains("GPU 0 Tesla P100 (compute capability 6.0) is older than Volta");
        assertThat(CudaBackendSupport.decide("0, Tesla V100, 7.0, 580.65.06\n", 13, ALL))
                .contains("older than Turing (7.5)");
        assertThat(CudaBackendSupport.decide("0, RTX 3090, 8.6, 470.82.01\n", 12, ALL))
                .contains("driver 470.82.01 is too old for CUDA 12 (needs 525.60.13");
        assertThat(CudaBackendSupport.decide("0, RTX 3090, 8.6, 535.104.05\n", 12, NO_CUBLAS))
                .contains("libcublas.so.12 were not found").contains("/usr/local/cuda/lib64");
    }

    @Test
    void aMachineWithOneOldAndOneNewGpuIsUsable() {
        assertThat(CudaBackendSupport.decide("0, Tesla P4, 6.1, 550.54.15\n1, A100, 8.0, 550.54.15\n", 12, ALL))
                .isNull();
    }
}
