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
        var a = Batches.classification(train, idx, Batches.training(aug, 1, 2), Tiny.classifier());
        var b = Batches.classification(train, idx, Batches.training(aug, 1, 2), Tiny.classifier());
        var c = Batches.classification(train, idx, Batches.training(aug, 1, 3), Tiny.classifier());
        assertThat(b.input().xyz()).isEqualTo(a.input().xyz());
        assertThat(b.input().knn1()).isEqualTo(a.input().knn1());
        assertThat(c.input().xyz()).isNotEqualTo(a.input().xyz());
        assertThat(a.labels()).containsExactly(train.label(3), train.label(0), train.label(5), train.label(1));
        // shape 5 is augmented the same wherever it sits in the batch
        var d = Batches.classification(train, new int[] {5}, Batches.training(aug, 1, 2), Tiny.classifier());
        assertThat(Arrays.copyOfRange(a.input().xyz(), 2 * 64 * 3, 3 * 64 * 3)).isEqualTo(d.input().xyz());
    }

    @Test
    void votesKeepTheFirstPassPlain() {
        var aug = Augmentations.parse("scale(0.5,2)");
        int[] idx = {0, 1};
        var plain = Batches.classification(train, idx, Batches.Augmenter.NONE, Tiny.classifier());
        var first = Batches.classification(train, idx, Batches.vote(aug, 9, 0), Tiny.classifier());
        var second = Batches.classification(train, idx, Batches.vote(aug, 9, 1), Tiny.classifier());
        assertThat(first.input().xyz()).isEqualTo(plain.input().xyz());
        assertThat(second.input().xyz()).isNotEqualTo(plain.input().xyz());
    }
}
