package org.pointea.models.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.dataset.CachedDataset;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.Split;
import org.pointea.models.data.Augmentations;
import org.pointea.models.data.SampleAugmenter;
import org.pointea.models.task.ModelTask;
import org.pointea.models.testing.Tiny;

class BatchesTest {
    @TempDir
    static Path tmp;

    static CachedDataset train;

    @BeforeAll
    static void data() throws Exception {
        train = TrainingData.open(Tiny.modelNet(tmp, 6, 2), Split.TRAIN, Tiny.classifierSpec(), DatasetProgress.NONE);
    }

    @Test
    void epochOrderIsASeededPermutation() {
        int[] a = Batches.order(50, 7, 3);
        assertThat(Batches.order(50, 7, 3)).isEqualTo(a);
        assertThat(Batches.order(50, 7, 4)).isNotEqualTo(a);
        assertThat(Batches.order(50, 8, 3)).isNotEqualTo(a);
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            assertThat(sorted[i]).isEqualTo(i);
        }
    }

    @Test
    void aBatchIsAFunctionOfItsIndicesEpochAndSeed() {
        var aug = Augmentations.parse("pct");
        int[] idx = {3, 0, 5, 1};
        ModelTask task = Tiny.classifierSpec().task();
        var a = task.read(train, idx, Batches.training(aug, 1, 2), 64);
        var b = task.read(train, idx, Batches.training(aug, 1, 2), 64);
        var c = task.read(train, idx, Batches.training(aug, 1, 3), 64);
        assertThat(b.clouds().xyz()).isEqualTo(a.clouds().xyz());
        assertThat(c.clouds().xyz()).isNotEqualTo(a.clouds().xyz());
        assertThat(a.targets()).containsExactly(train.label(3), train.label(0), train.label(5), train.label(1));
        assertThat(a.indices()).containsExactly(idx);
        // shape 5 is augmented the same wherever it sits in the batch
        var d = task.read(train, new int[] {5}, Batches.training(aug, 1, 2), 64);
        assertThat(Arrays.copyOfRange(a.clouds().xyz(), 2 * 64 * 3, 3 * 64 * 3)).isEqualTo(d.clouds().xyz());
    }

    @Test
    void votesKeepTheFirstPassPlain() {
        var aug = Augmentations.parse("scale(0.5,2)");
        int[] idx = {0, 1};
        ModelTask task = Tiny.classifierSpec().task();
        var plain = task.read(train, idx, SampleAugmenter.NONE, 64);
        var first = task.read(train, idx, Batches.vote(aug, 9, 0), 64);
        var second = task.read(train, idx, Batches.vote(aug, 9, 1), 64);
        assertThat(first.clouds().xyz()).isEqualTo(plain.clouds().xyz());
        assertThat(second.clouds().xyz()).isNotEqualTo(plain.clouds().xyz());
    }

    @Test
    void dropoutSeedsDifferPerWorkerButNotForTheFirst() {
        long s0 = Batches.dropoutSeed(1, 10, 0);
        assertThat(Batches.dropoutSeed(1, 10, 0)).isEqualTo(s0);
        assertThat(Batches.dropoutSeed(1, 10, 1)).isNotEqualTo(s0);
        assertThat(Batches.dropoutSeed(1, 11, 0)).isNotEqualTo(s0);
    }
}
