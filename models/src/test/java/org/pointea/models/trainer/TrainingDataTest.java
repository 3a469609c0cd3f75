package org.pointea.models.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.dataset.DatasetNotFoundException;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.Task;
import org.pointea.models.testing.Tiny;

class TrainingDataTest {
    @TempDir
    Path tmp;

    @Test
    void opensASplitTheWayTheModelWantsIt() throws Exception {
        Path dir = Tiny.modelNet(tmp, 6, 2);
        assertThat(TrainingData.task(dir)).isEqualTo(Task.CLASSIFICATION);
        var test = TrainingData.open(dir, Split.TEST, Tiny.classifierSpec(), DatasetProgress.NONE);
        assertThat(test.size()).isEqualTo(6);
        assertThat(test.pointsPerShape()).isEqualTo(64);
        assertThat(test.get(0).cloud().hasNormals()).isFalse();
        assertThat(test.classNames()).isEqualTo(Tiny.classifierSpec().labels());
        assertThatThrownBy(() -> TrainingData.open(dir, Split.TEST, Tiny.segmenterSpec(), DatasetProgress.NONE))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("holds a classification dataset, but the model is for part-segmentation");
        assertThatThrownBy(() -> TrainingData.task(Files.createDirectories(tmp.resolve("empty"))))
                .isInstanceOf(DatasetNotFoundException.class);
    }
}
