package org.pointea.models.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.transform.Compose;
import org.pointea.pointcloud.transform.PointTransform;
import org.pointea.pointcloud.transform.RandomDropout;
import org.pointea.pointcloud.transform.RandomScale;
import org.pointea.pointcloud.transform.RandomTranslate;
import org.pointea.pointcloud.transform.Shuffle;

class AugmentationsTest {

    @Test
    void presetsExpandToPointcloudTransforms() {
        assertThat(Augmentations.parse("pct").toString()).isEqualTo(
                "Compose([RandomDropout(0.875), RandomScale(0.6666667, 1.5), RandomTranslate(0.2), Shuffle()])");
        assertThat(Augmentations.parse("pct")).isEqualTo(Compose.of(RandomDropout.pct(), RandomScale.pct(),
                RandomTranslate.pct(), new Shuffle()));
        assertThat(Augmentations.parse("none")).isNull();
        assertThat(Augmentations.canonical("PCT")).isEqualTo(Augmentations.PCT);
        assertThat(Augmentations.canonical(" scale( 0.8 , 1.25 ) , rotate-y(180),shuffle "))
                .isEqualTo("Compose([RandomScale(0.8, 1.25), RandomRotate(180.0, axis=(0.0, 1.0, 0.0)), Shuffle()])");
        assertThat(Augmentations.parse("jitter(0.01,0.05)").toString()).isEqualTo("Jitter(sigma=0.01, clip=0.05)");
    }

    /** The canonical text is the transforms' own printed form, and reads back to the same transform. */
    @Test
    void canonicalTextIsTheTransformsGrammar() {
        for (String spec : new String[] {"pct", "partseg", "scale(0.6667,1.5),shuffle", "rotate-so3,jitter(0.01,0.05)"}) {
            String canonical = Augmentations.canonical(spec);
            assertThat(Augmentations.parse(canonical)).isEqualTo(Augmentations.parse(spec));
            assertThat(Augmentations.canonical(canonical)).isEqualTo(canonical);
        }
        // a run written before this grammar keeps its exact numbers
        assertThat(Augmentations.canonical("dropout(0.875),scale(0.6667,1.5),translate(0.2),shuffle"))
                .isEqualTo("Compose([RandomDropout(0.875), RandomScale(0.6667, 1.5), RandomTranslate(0.2), Shuffle()])");
    }

    @Test
    void theSameStreamGivesTheSameCloud() {
        PointTransform t = Augmentations.parse("pct");
        float[] xyz = new float[300];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = i * 0.01f;
        }
        PointCloud c = PointCloud.of(xyz);
        PointCloud a = t.apply(c, RandomStreams.of(1, 2, 3, 4));
        PointCloud b = t.apply(c, RandomStreams.of(1, 2, 3, 4));
        assertThat(a.positions()).isEqualTo(b.positions());
        assertThat(a.size()).isEqualTo(100);
    }

    @Test
    void pointOrderIsKnown() {
        assertThat(Augmentations.keepsPointOrder("partseg")).isTrue();
        assertThat(Augmentations.keepsPointOrder("none")).isTrue();
        assertThat(Augmentations.keepsPointOrder("scale(0.9,1.1),shuffle")).isFalse();
        assertThat(Augmentations.keepsPointOrder("pct")).isFalse();
        assertThat(Augmentations.keepsPointOrder("Compose([RandomScale(0.9, 1.1), Subsample(64, fps)])")).isFalse();
    }

    @Test
    void badSpecsSayWhy() {
        assertThatThrownBy(() -> Augmentations.parse("flip")).hasMessageContaining("unknown augmentation step 'flip'");
        assertThatThrownBy(() -> Augmentations.parse("scale(1)")).hasMessageContaining("takes 2 argument(s), got 1");
        assertThatThrownBy(() -> Augmentations.parse("dropout(x)")).hasMessageContaining("'x' is not a number");
        assertThatThrownBy(() -> Augmentations.parse("dropout(1.5)")).hasMessageContaining("maxRatio");
        assertThatThrownBy(() -> Augmentations.parse("RandomWarp(2)")).hasMessageContaining("no transform named");
    }
}
