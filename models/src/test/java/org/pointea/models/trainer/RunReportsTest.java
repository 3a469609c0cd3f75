package org.pointea.models.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.eval.ConfusionMatrix;
import org.pointea.eval.PartSegmentationEvaluator;
import org.pointea.eval.report.SegmentedShape;
import org.pointea.io.dataset.Split;
import org.pointea.models.task.classification.ClassificationEvaluation;
import org.pointea.models.task.partseg.SegmentationEvaluation;
import org.pointea.models.testing.Tiny;
import org.pointea.pointcloud.PointCloud;

class RunReportsTest {
    @TempDir
    Path run;

    @Test
    void trainingReportHasCurvesConfusionAndSettings() throws Exception {
        Files.writeString(run.resolve(Trainer.METRICS_FILE),
                "{\"epoch\":1,\"lr\":0.002,\"train_loss\":1.9,\"train_acc\":0.4,\"val_loss\":2.0,\"val_acc\":0.5}\n"
                + "{\"epoch\":2,\"lr\":0.001,\"train_loss\":1.2,\"train_acc\":0.8,\"val_loss\":1.1,\"val_acc\":0.9}\n");
        TrainerConfig cfg = TrainerConfig.builder(Tiny.classifierSpec()).setData(run.resolve("data")).build();
        var cls = new ClassificationEvaluation(ConfusionMatrix.of(new int[] {0, 1, 2, 2},
                new int[] {0, 1, 2, 1}, 3).result(Tiny.classifierSpec().labels()), 0.7, 1, new int[4], new int[4]);
        TrainingResult r = new TrainingResult(run, run.resolve("best"), run.resolve("last"), 2, 2, "val_acc", 0.9,
                null, 12.5, 40.0);
        var files = RunReports.training(run, cfg, r, cls);
        assertThat(files.figures()).containsKeys("loss", "accuracy", "confusion");
        String md = Files.readString(files.markdown());
        assertThat(md).contains("| **best epoch** | 2 (val_acc 0.9000) |")
                .contains("sgd, lr 0.01 -> 0.0001 (cosine per iteration), momentum 0.9, weight decay 0.0005")
                .contains("| **augmentation** | Compose([RandomDropout(0.875), RandomScale(0.6666667, 1.5), "
                        + "RandomTranslate(0.2), Shuffle()]) |");
        assertThat(Files.readString(files.json())).contains("\"oa\" : 0.75");
    }

    @Test
    void evaluationReportDrawsSegmentedShapes() throws Exception {
        PartSegmentationEvaluator e = new PartSegmentationEvaluator();
        int[] truth = {28, 28, 29, 29};
        e.addShape(9, truth, new int[] {28, 29, 29, 29});
        float[] xyz = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1};
        var seg = new SegmentationEvaluation(e.result(), 0.3, 2,
                List.of(new SegmentedShape("Laptop #0", PointCloud.of(xyz), truth, new int[] {28, 29, 29, 29})));
        var files = RunReports.evaluation(run.resolve("eval-test"), Tiny.segmenterSpec(), run.resolve("best"),
                run.resolve("data"), Split.TEST, seg, null, Map.of("seconds", "1.0"));
        assertThat(files.figures()).containsKey("shapes");
        assertThat(Files.readString(files.markdown())).contains("| **votes** | 2 |").contains("| **split** | test |");
    }

    @Test
    void compactNumbers() {
        assertThat(RunReports.compact(0.002)).isEqualTo("0.002");
        assertThat(RunReports.compact(1e-5)).isEqualTo("0.00001");
        assertThat(RunReports.compact(0.9)).isEqualTo("0.9");
        assertThat(RunReports.compact(5e-4)).isEqualTo("0.0005");
    }
}
