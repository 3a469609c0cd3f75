package org.pointea.models.trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.pointea.eval.report.History;
import org.pointea.eval.report.Report;
import org.pointea.eval.report.ReportFiles;
import org.pointea.eval.report.ReportWriter;
import org.pointea.io.dataset.Split;
import org.pointea.models.optim.OptimizerSpec;
import org.pointea.models.store.ModelSpec;
import org.pointea.models.task.Evaluation;

/**
 * Writes the reports of training and evaluation with the eval module's {@link ReportWriter}:
 * {@code report.json}, {@code report.md}, loss and accuracy curves from {@code metrics.jsonl}, the
 * confusion matrix as a heat map (classification) and segmented shapes from three views (part
 * segmentation).
 *
 * <pre>{@code
 * RunReports.training(run, config, result, Evaluator.evaluate(best, valSet, settings, progress));
 * RunReports.evaluation(run.resolve("eval-test"), "eval", spec, Split.TEST, evaluation, run);
 * }</pre>
 */
public final class RunReports {
    private RunReports() {
    }

    /**
     * The report of a finished run, in the run directory.
     *
     * @param run     the run directory (its {@code metrics.jsonl} gives the curves)
     * @param cfg     the run's configuration
     * @param result  the training result
     * @param scores  the best model's scores on the validation split (or null)
     * @return the files written
     * @throws IOException when a file cannot be written
     */
    public static ReportFiles training(Path run, TrainerConfig cfg, TrainingResult result,
                                       Evaluation scores) throws IOException {
        ModelSpec spec = cfg.spec();
        Report.Builder b = Report.builder("Training: " + title(spec) + " on " + dataName(cfg.data()));
        info(b, spec);
        b.optInfo("data", cfg.data());
        b.optInfo("epochs", cfg.epochs());
        b.optInfo("batch size", cfg.batchSize());
        OptimizerSpec o = cfg.optimizer();
        b.optInfo("optimizer", o.type().id() + ", lr " + compact(o.lr()) + " -> " + compact(o.minLr())
                + " (cosine per iteration)" + (o.type() == OptimizerSpec.Type.SGD ? ", momentum "
                + compact(o.momentum()) : "") + ", weight decay " + compact(o.weightDecay()));
        b.optInfo("label smoothing", cfg.smoothing());
        b.optInfo("augmentation", cfg.augmentation());
        b.optInfo("seed", cfg.seed());
        b.optInfo("engine threads", cfg.engineThreads());
        b.optInfo("best epoch", result.bestEpoch() + " (" + result.selectedOn() + " "
                + String.format(Locale.ROOT, "%.4f", result.bestValue()) + ")");
        b.optInfo("model", run.relativize(result.bestModel()) + "/");
        b.optInfo("training samples/s (this process)", String.format(Locale.ROOT, "%.1f", result.samplesPerSecond()));
        if (scores != null) {
            b.optInfo("scores below", "best model on the " + (cfg.valSplit() == null ? "?" : cfg.valSplit().id())
                    + " split");
        }
        b.optHistory(history(run));
        scores(b, scores);
        return new ReportWriter().write(b.build(), run);
    }

    /**
     * The report of an evaluation.
     *
     * @param dir     where to write it
     * @param spec    the model evaluated
     * @param model   the model directory (for the report)
     * @param data    the dataset folder
     * @param split   the split scored
     * @param scores  the scores
     * @param run     the run whose curves to include, or null
     * @param extra   more key facts (e.g. timing), in order
     * @return the files written
     * @throws IOException when a file cannot be written
     */
    public static ReportFiles evaluation(Path dir, ModelSpec spec, Path model, Path data, Split split,
                                         Evaluation scores, Path run, Map<String, ?> extra)
            throws IOException {
        Report.Builder b = Report.builder("Evaluation: " + title(spec) + " on " + dataName(data) + " ("
                + split.id() + ")");
        info(b, spec);
        b.optInfo("model", model);
        b.optInfo("data", data);
        b.optInfo("split", split.id());
        b.optInfo("votes", scores.votes());
        extra.forEach(b::optInfo);
        if (run != null) {
            b.optHistory(history(run));
        }
        scores(b, scores);
        return new ReportWriter().write(b.build(), dir);
    }

    private static void info(Report.Builder b, ModelSpec spec) {
        b.optInfo("task", spec.task().id().replace('_', ' '));
        b.optInfo("network", spec.architecture() + " (" + spec.variant() + "), " + spec.config().summary());
        b.optInfo("points", spec.points());
        b.optInfo("preprocessing", spec.preprocessing().sampling().name().toLowerCase(Locale.ROOT) + ", "
                + spec.preprocessing().normalization().id());
    }

    private static void scores(Report.Builder b, Evaluation scores) {
        if (scores != null) {
            scores.addTo(b);
        }
    }

    /** A number with at most 4 significant digits and no trailing zeros, e.g. 0.002, 0.00001. */
    static String compact(double v) {
        return new java.math.BigDecimal(v, new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static History history(Path run) throws IOException {
        Path f = run.resolve(Trainer.METRICS_FILE);
        return Files.isRegularFile(f) ? History.readJsonLines(f) : History.empty();
    }

    private static String title(ModelSpec spec) {
        return spec.architecture() + "-" + spec.variant() + " (" + spec.config().summary() + ")";
    }

    private static String dataName(Path data) {
        return data == null || data.getFileName() == null ? "data" : data.getFileName().toString();
    }
}
