package org.pointea.models.task.semseg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.eval.SemanticSegmentationResult;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.scene.SceneBlocks;
import org.pointea.io.dataset.scene.SceneClasses;
import org.pointea.io.dataset.scene.SceneDataset;
import org.pointea.io.dataset.scene.SceneLayout;
import org.pointea.io.dataset.synthetic.SyntheticIndoorScenes;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.data.SampleAugmenter;
import org.pointea.models.inference.Predictor;
import org.pointea.models.inference.SceneEvaluator;
import org.pointea.models.optim.OptimizerSpec;
import org.pointea.models.pct.PctSemSegConfig;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.store.ModelSpec;
import org.pointea.models.task.LabelledBatch;
import org.pointea.models.trainer.Trainer;
import org.pointea.models.trainer.TrainerConfig;
import org.pointea.models.trainer.TrainingResult;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.scene.BlockFeatures;
import org.pointea.pointcloud.scene.TilingOptions;

/**
 * The scene task end to end on tiny synthetic S3DIS rooms and a tiny network: blocks, training with
 * checkpoints and the best model, the model directory, whole-scan prediction and whole-scene scores
 * that show it has learnt the rooms.
 */
class SemanticSegmentationTaskTest {
    @TempDir
    static Path dir;

    static Path data;

    static PctSemSegConfig tiny() {
        return new PctSemSegConfig(SceneClasses.S3DIS.size(), 256, 1.0, BlockFeatures.of(true, false, false), 16,
                32, 16, 16, 0.3, MixerConfig.external(8, 1, false));
    }

    @BeforeAll
    static void rooms() throws IOException {
        data = dir.resolve("Stanford3dDataset_v1.2_Aligned_Version");
        SyntheticIndoorScenes.builder().optAreas(5).optRoomsPerArea(1).optDensity(25).optSeed(6).build()
                .write(data, SceneLayout.S3DIS, DatasetProgress.NONE);
    }

    @Test
    void blocksAreReadInNetworkCoordinatesWithColoursAndUnlabelledPointsKept() throws IOException {
        ModelSpec spec = ModelSpec.of("custom", tiny(), SceneClasses.S3DIS, new SemanticSegmentationTask()
                .defaultPreprocessing());
        SceneBlocks blocks = SemanticSegmentationTask.openBlocks(data, Split.TRAIN, spec, DatasetProgress.NONE);
        assertThat(blocks.inputs()).isEqualTo(BlockFeatures.of(true, false, false));
        SemanticSegmentationTask task = new SemanticSegmentationTask();
        task.checkData(spec.config(), spec.labels(), blocks, "training");
        LabelledBatch b = task.read(blocks, new int[] {0, 3}, SampleAugmenter.NONE, 256);
        assertThat(b.clouds().size()).isEqualTo(2);
        assertThat(b.clouds().featureWidth()).isEqualTo(3);
        assertThat(b.targets()).hasSize(512);
        float[] xyz = b.clouds().xyz();
        for (int i = 0; i < xyz.length; i += 3) {
            assertThat(Math.abs(xyz[i])).isLessThanOrEqualTo(0.5f);
            assertThat(xyz[i + 2]).isGreaterThan(-0.1f);
        }
        // the same sample reads the same fixed block again (validation)
        assertThat(task.read(blocks, new int[] {3}, SampleAugmenter.NONE, 256).targets())
                .containsExactly(java.util.Arrays.copyOfRange(b.targets(), 256, 512));
        assertThatThrownBy(() -> task.checkData(spec.config(), spec.labels(), blocks.withInputs(BlockFeatures.XYZ),
                "training")).hasMessageContaining("the model takes");
        // class-balanced weights: PointNet++'s formula over the labelled points of the training scenes
        long[] counts = blocks.classPoints();
        assertThat(counts[0]).isPositive();                 // ceilings
        assertThat(counts[3]).isZero();                     // no beams in the generator
        assertThat(task.classWeights(blocks)).containsExactly(SceneClasses.balancedWeights(counts));
        assertThat(task.classWeights(blocks)[3]).isZero();
    }

    @Test
    void trainsPredictsWholeScansAndScoresWholeScenes() throws IOException {
        SemanticSegmentationTask task = new SemanticSegmentationTask();
        ModelSpec spec = ModelSpec.of("custom", tiny(), SceneClasses.S3DIS, task.defaultPreprocessing());
        TrainerConfig cfg = TrainerConfig.builder(spec).setData(data).optEpochs(8).optBatchSize(4)
                .optOptimizer(OptimizerSpec.defaults(OptimizerSpec.Type.ADAM).withLr(0.01, 1e-4))
                .optAugmentation(SemanticSegmentationTask.augmentation(1f, 256)).optSeed(3).build();
        Path run = dir.resolve("run");
        TrainingResult r = Trainer.builder(cfg, run).build().fit();
        assertThat(r.selectedOn()).isEqualTo("val_miou");
        assertThat(r.last().metrics()).containsKeys("train_loss", "val_acc", "val_macc", "val_miou");
        ModelDirectory best = ModelDirectory.open(r.bestModel());
        assertThat(best.spec().config()).isEqualTo(tiny());   // model.json keeps block, inputs, widths

        SceneDataset test = SceneDataset.builder().setRoot(data).optSplit(Split.TEST).build();
        test.prepare();
        PointCloud room = test.load(0);
        try (Predictor p = Predictor.builder(run).optBatchSize(3).build();
             Predictor one = Predictor.builder(run).optBatchSize(1).build()) {
            SceneSegmentation s = p.segmentScene(room);
            assertThat(s.labels()).hasSize(room.size());
            assertThat(java.util.Arrays.stream(s.labels()).allMatch(l -> l >= 0 && l < SceneClasses.S3DIS.size()))
                    .isTrue();
            // the batch of tiles does not change the answer
            assertThat(one.segmentScene(room).labels()).containsExactly(s.labels());
            assertThat(p.segmentScene(room, new TilingOptions(1f, 1f, 1, 0)).labels()).hasSize(room.size());
            assertThatThrownBy(() -> p.segmentScene(PointCloud.of(room.positions())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colours");
            assertThatThrownBy(() -> p.classify(room)).isInstanceOf(IllegalStateException.class);
            SemanticEvaluation e = SceneEvaluator.evaluate(p, test, null, SceneEvaluator.Progress.NONE);
            long points = 0;
            for (int i = 0; i < test.size(); i++) {
                points += test.points(i);
            }
            assertThat(e.result().points() + e.result().ignored()).isEqualTo(points);
            assertThat(e.metrics()).containsKeys("acc", "macc", "miou");
            // it has learnt the room: measured OA 78.6 %, mIoU 47.7 %, IoU ceiling 73.7, floor 64.3, wall 80.7,
            // bookcase 67.3 % (doors and clutter not yet); the majority class (wall) alone is 42 % OA
            SemanticSegmentationResult scores = e.result();
            assertThat(scores.oa()).as(e.summary()).isGreaterThan(0.6);
            assertThat(scores.miou()).as(e.summary()).isGreaterThan(0.3);
            for (int c : new int[] {0, 1, 2}) {
                assertThat(scores.perClass().get(c).iou()).as(e.summary()).isGreaterThan(0.5);
            }
        }
    }
}
