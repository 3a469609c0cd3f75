package org.pointea.models.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.models.trainer.Trainer;
import org.pointea.models.trainer.TrainerConfig;
import org.pointea.models.testing.Tiny;
import org.pointea.pointcloud.PointCloud;

/**
 * Honest predictions: clouds too small for the network are refused, clouds the network sees with
 * repeated points are warned about, a part segmenter accepts only the categories it was trained
 * on, and a training run's folder loads as its best model.
 */
class PredictorInputTest {
    @TempDir
    static Path tmp;

    static Path cls;

    @BeforeAll
    static void models() throws Exception {
        cls = TinyModels.classifier(tmp.resolve("cls"));
    }

    @Test
    void cloudsSmallerThanTheNeighbourhoodAreRefusedAndSmallOnesWarned() throws Exception {
        try (Predictor p = Predictor.load(cls)) {
            assertThat(p.minimumPoints()).isEqualTo(Tiny.classifier().neighbours()).isEqualTo(8);
            for (int n : new int[] {1, 4, 7}) {
                PointCloud tiny = TinyModels.cloud(n, n);
                assertThatThrownBy(() -> p.classify(tiny)).as("%d points", n)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(n + " point").hasMessageContaining("fewer than the 8 the model needs")
                        .message().doesNotContain("\n");
            }
            // the batch fails as a whole, naming the cloud
            assertThatThrownBy(() -> p.classifyBatch(List.of(TinyModels.cloud(100, 1), TinyModels.cloud(3, 2))))
                    .hasMessageStartingWith("cloud 1: 3 points");
            PointCloud few = TinyModels.cloud(20, 3);
            assertThat(p.classify(few).classes()).isEqualTo(3);
            assertThat(p.inputWarning(few)).contains("only 20 points for a network of 64");
            assertThat(p.inputWarning(TinyModels.cloud(64, 4))).isNull();
            assertThat(p.categories()).as("a classifier takes no category").isEmpty();
        }
    }

    @Test
    void aPartSegmenterAcceptsOnlyTheCategoriesItWasTrainedOnAndARunFolderLoads() throws Exception {
        Path data = Tiny.shapeNetPart(tmp, 4, 1, 1); // Laptop and Mug only
        Path run = tmp.resolve("seg-run");
        Trainer.builder(TrainerConfig.builder(Tiny.segmenterSpec()).setData(data).optEpochs(1).optBatchSize(4)
                .optEngineThreads(1).build(), run).build().fit();
        try (Predictor p = Predictor.load(run)) { // the run folder, as `pointea predict --run` takes it
            assertThat(p.labels()).hasSize(16);
            assertThat(p.categories()).containsExactly("Laptop", "Mug");
            assertThat(p.categoryIndex("mug")).isEqualTo(p.labels().indexOf("Mug"));
            assertThatThrownBy(() -> p.categoryIndex("Bag")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the model was not trained on Bag; it knows Laptop, Mug");
            assertThatThrownBy(() -> p.categoryIndex("Teapot")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown category 'Teapot'; it knows Laptop, Mug");
            assertThatThrownBy(() -> p.segment(TinyModels.cloud(100, 1), p.labels().indexOf("Bag")))
                    .hasMessageContaining("not trained on Bag");
            assertThat(p.segment(TinyModels.cloud(100, 1), "Laptop").size()).isEqualTo(100);
        }
    }
}
