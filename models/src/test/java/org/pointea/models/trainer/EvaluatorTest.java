package org.pointea.models.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.eval.ConfusionMatrix;
import org.pointea.io.dataset.CachedDataset;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.Split;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.network.Network;
import org.pointea.models.task.classification.ClassificationEvaluation;
import org.pointea.models.testing.Tiny;

class EvaluatorTest {
    @TempDir
    static Path tmp;

    static CachedDataset test;

    @BeforeAll
    static void data() throws Exception {
        test = TrainingData.open(Tiny.modelNet(tmp, 4, 5), Split.TEST, Tiny.classifierSpec(), DatasetProgress.NONE);
    }

    @Test
    void scoresEveryShapeOnceWhateverTheBatchingOrThreads() {
        try (Network net = Tiny.classifier().create(Backends.cpu(), DType.FLOAT, 2)) {
            var s = Evaluator.Settings.defaults(Tiny.classifierSpec().task()).withBatchSize(4).withLoaderThreads(0);
            var a = (ClassificationEvaluation) Evaluator.evaluate(net, Tiny.classifierSpec(), test, s,
                    Evaluator.Progress.NONE);
            assertThat(a.result().samples()).isEqualTo(15);
            assertThat(a.labels()).hasSize(15);
            var cm = ConfusionMatrix.of(a.labels(), a.predictions(), 3);
            assertThat(a.result().oa()).isEqualTo(cm.overallAccuracy());
            for (int i = 0; i < 15; i++) {
                assertThat(a.labels()[i]).isEqualTo(test.label(i));
            }
            var b = (ClassificationEvaluation) Evaluator.evaluate(net, Tiny.classifierSpec(), test,
                    s.withBatchSize(7).withLoaderThreads(3), Evaluator.Progress.NONE);
            assertThat(b.predictions()).isEqualTo(a.predictions());
            assertThat(b.loss()).isCloseTo(a.loss(), org.assertj.core.data.Offset.offset(1e-5));
            assertThat(a.metrics()).containsKeys("loss", "acc", "macc");
        }
    }

    @Test
    void votesAreReproducibleAndCounted() {
        try (Network net = Tiny.classifier().create(Backends.cpu(), DType.FLOAT, 2)) {
            var s = Evaluator.Settings.defaults(Tiny.classifierSpec().task()).withVotes(3).withSeed(5);
            int[] progress = new int[2];
            var a = (ClassificationEvaluation) Evaluator.evaluate(net, Tiny.classifierSpec(), test, s, (done, total) -> {
                progress[0] = done;
                progress[1] = total;
            });
            assertThat(progress).containsExactly(3, 3); // one batch of 15, three passes
            var b = (ClassificationEvaluation) Evaluator.evaluate(net, Tiny.classifierSpec(), test,
                    s.withLoaderThreads(2), Evaluator.Progress.NONE);
            assertThat(b.predictions()).isEqualTo(a.predictions());
            assertThat(a.votes()).isEqualTo(3);
        }
    }

    @Test
    void segmentationVotesMustKeepPointsInPlace() {
        try (Network net = Tiny.segmenter().create(Backends.cpu(), DType.FLOAT, 1)) {
            var s = Evaluator.Settings.defaults(Tiny.segmenterSpec().task())
                    .withVoteAugmentation("scale(0.9,1.1),shuffle");
            assertThatThrownBy(() -> Evaluator.evaluate(net, Tiny.segmenterSpec(), test, s, Evaluator.Progress.NONE))
                    .hasMessageContaining("keeps every point in place");
        }
    }
}
