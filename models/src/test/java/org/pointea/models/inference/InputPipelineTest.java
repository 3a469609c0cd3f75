package org.pointea.models.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pointea.io.dataset.Subsampling;
import org.pointea.models.data.Preprocessing.Normalization;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.transform.NormalizeToUnitSphere;

class InputPipelineTest {
    @Test
    void samplesThenNormalisesTheSample() {
        float[] xyz = TinyModels.cloud(50, 3).positions();
        InputPipeline p = new InputPipeline(Subsampling.FIRST, Normalization.UNIT_SPHERE, 8, 0);
        InputPipeline.Prepared r = p.prepare(xyz, 50);
        assertThat(r.sampled()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        float[] first = java.util.Arrays.copyOf(xyz, 24);
        assertThat(r.positions()).containsExactly(first);
        assertThat(r.network()).containsExactly(new NormalizeToUnitSphere().apply(PointCloud.of(first), null)
                .positions());
        double max = 0;
        for (int i = 0; i < 8; i++) {
            float[] n = r.network();
            max = Math.max(max, Math.sqrt(n[3 * i] * n[3 * i] + n[3 * i + 1] * n[3 * i + 1] + n[3 * i + 2] * n[3 * i + 2]));
        }
        assertThat(max).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
        assertThat(p.toString()).isEqualTo("InputPipeline(first to 8, unit_sphere)");
    }

    @Test
    void dropsNonFinitePointsAndRepeatsSmallClouds() {
        float[] xyz = {0, 0, 0, Float.NaN, 1, 1, 2, 2, 2};
        InputPipeline p = new InputPipeline(Subsampling.FIRST, Normalization.NONE, 5, 0);
        InputPipeline.Prepared r = p.prepare(xyz, 3);
        assertThat(r.sampled()).containsExactly(0, 2, 0, 2, 0);
        assertThat(r.network()).containsExactly(0, 0, 0, 2, 2, 2, 0, 0, 0, 2, 2, 2, 0, 0, 0);
        assertThat(InputPipeline.finiteIndices(new float[] {1, 2, 3}, 1)).isNull();
    }

    @Test
    void randomSamplingIsSeededPerCloudAndDrawsWithoutRepeats() {
        float[] xyz = TinyModels.random(100, 4);
        InputPipeline p = new InputPipeline(Subsampling.RANDOM_WITH_REPLACEMENT, Normalization.NONE, 60, 7);
        assertThat(p.sampling()).isEqualTo(Subsampling.RANDOM);
        int[] a = p.prepare(xyz, 100).sampled();
        assertThat(p.prepare(xyz, 100).sampled()).containsExactly(a);
        assertThat(a).doesNotHaveDuplicates();
        assertThat(new InputPipeline(Subsampling.RANDOM, Normalization.NONE, 60, 8).prepare(xyz, 100).sampled())
                .isNotEqualTo(a);
    }

    @Test
    void refusesCloudsWithoutFinitePoints() {
        InputPipeline p = new InputPipeline(Subsampling.FPS, Normalization.NONE, 4, 0);
        assertThatThrownBy(() -> p.prepare(new float[0], 0)).hasMessageContaining("empty");
        assertThatThrownBy(() -> p.prepare(new float[] {Float.NaN, 0, 0}, 1)).hasMessageContaining("finite");
        assertThatThrownBy(() -> p.prepare(new float[3], 2)).hasMessageContaining("3 coordinates for 2 points");
    }
}
