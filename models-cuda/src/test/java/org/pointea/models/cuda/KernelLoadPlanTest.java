package org.pointea.models.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelLoadPlanTest {
    private static final KernelLoadPlan.ShippedPtx PTX_13_0 = new KernelLoadPlan.ShippedPtx(13000, 75);
    /** NVRTC 12.4's architectures (it predates Blackwell). */
    private static final KernelLoadPlan.Nvrtc NVRTC_12_4 = new KernelLoadPlan.Nvrtc(12040,
            List.of(50, 52, 53, 60, 61, 62, 70, 72, 75, 80, 86, 87, 89, 90));
    private static final KernelLoadPlan.Nvrtc NVRTC_12_9 = new KernelLoadPlan.Nvrtc(12090,
            List.of(50, 52, 53, 60, 61, 62, 70, 72, 75, 80, 86, 87, 89, 90, 100, 101, 103, 120, 121));

    @Test
    void hopperWithACuda13DriverJitsTheShippedPtx() throws Exception {
        KernelLoadPlan p = KernelLoadPlan.choose(13000, 90, PTX_13_0, null);
        assertThat(p.source()).isEqualTo(KernelLoadPlan.Source.SHIPPED_PTX);
        assertThat(p.target()).isEqualTo("compute_75");
    }

    @Test
    void voltaCompilesWithNvrtcBecauseThePtxIsForTuring() throws Exception {
        KernelLoadPlan p = KernelLoadPlan.choose(13000, 70, PTX_13_0, NVRTC_12_9);
        assertThat(p.source()).isEqualTo(KernelLoadPlan.Source.NVRTC_CUBIN);
        assertThat(p.target()).isEqualTo("sm_70");
        assertThat(p.reason()).contains("7.5 and newer");
    }

    @Test
    void aCuda12DriverCannotJitCuda13PtxSoNvrtcMakesMachineCode() throws Exception {
        KernelLoadPlan p = KernelLoadPlan.choose(12040, 90, PTX_13_0, NVRTC_12_4);
        assertThat(p.source()).isEqualTo(KernelLoadPlan.Source.NVRTC_CUBIN);
        assertThat(p.target()).isEqualTo("sm_90");
        assertThat(p.reason()).contains("written by CUDA 13.0").contains("runs CUDA 12.4");
    }

    @Test
    void aGpuNewerThanNvrtcGetsPtxOfTheNewestArchitectureItKnows() throws Exception {
        KernelLoadPlan p = KernelLoadPlan.choose(12080, 120, PTX_13_0, NVRTC_12_4);
        assertThat(p.source()).isEqualTo(KernelLoadPlan.Source.NVRTC_PTX);
        assertThat(p.target()).isEqualTo("compute_90");
    }

    @Test
    void refusals() {
        assertThatThrownBy(() -> KernelLoadPlan.choose(13000, 61, PTX_13_0, NVRTC_12_9))
                .isInstanceOf(KernelLoadPlan.Refused.class).hasMessageContaining("older than Volta");
        assertThatThrownBy(() -> KernelLoadPlan.choose(12040, 90, PTX_13_0, null))
                .isInstanceOf(KernelLoadPlan.Refused.class).hasMessageContaining("NVRTC")
                .hasMessageContaining("update the driver to one that runs CUDA 13.0");
        assertThatThrownBy(() -> KernelLoadPlan.choose(12030, 120, null, NVRTC_12_4))
                .isInstanceOf(KernelLoadPlan.Refused.class).hasMessageContaining("needs a driver that runs CUDA 12.4");
        assertThatThrownBy(() -> KernelLoadPlan.choose(12040, 70, null, null))
                .isInstanceOf(KernelLoadPlan.Refused.class).hasMessageContaining("built without nvcc");
    }

    @Test
    void versionsPrintAsCudaDoes() {
        assertThat(KernelLoadPlan.version(12040)).isEqualTo("12.4");
        assertThat(KernelLoadPlan.version(13000)).isEqualTo("13.0");
        assertThat(KernelBuild.cudaVersion("12.9")).isEqualTo(12090);
    }
}
