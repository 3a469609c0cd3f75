package org.pointea.tools.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.pointea.eval.SemanticSegmentationEvaluator;
import org.pointea.eval.SemanticSegmentationResult;
import org.pointea.io.dataset.scene.ClassList;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pointea metrics semseg}: semantic-segmentation scores over all points of some scans. */
@Command(
    name = "semseg",
    mixinStandardHelpOptions = true,
    description = {
      "Semantic-segmentation scores (OA, mAcc, per-class IoU, mIoU) over all points.",
      "",
      "Scores every point of one or more scans together, as S3DIS results are reported:",
      "overall accuracy, mean class accuracy, IoU per class, mean IoU over the classes",
      "seen or predicted, confusion matrix. Give --labels and --pred once per scan, in",
      "the same order: NPY integer arrays [N], or cloud files (PLY, PCD, text) with a",
      "label field (--label-field). With --classes (a classes.txt: '<name>' or",
      "'<id> <name>' per line, a class named 'ignore' or 'unlabelled' unscored) the values",
      "are mapped to its classes; without, they are class indices and negative values",
      "(or --ignore-label) are unscored."
    })
public final class MetricsSemsegCommand implements Callable<Integer> {
    /** Most classes scored. */
    static final int MAX_CLASSES = 4096;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--labels", required = true, paramLabel = "FILE",
            description = "Ground truth of a scan (repeat for several scans).")
    List<Path> labels;

    @Option(names = "--pred", required = true, paramLabel = "FILE",
            description = "Predictions of the same scan, in the same order.")
    List<Path> pred;

    @Option(names = "--classes", paramLabel = "FILE",
            description = "classes.txt: the class of each label value, and the unscored ones.")
    Path classes;

    @Option(names = "--ignore-label", paramLabel = "N",
            description = "A ground-truth value that is not scored (repeatable; without --classes).")
    List<Integer> ignore;

    @Option(names = "--label-field", paramLabel = "NAME",
            description = "The label field of cloud files (default: label).")
    String labelField;

    @Option(names = "--json", description = "Print JSON: scenes, points, oa, macc, miou, per_class, "
            + "confusion_matrix.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (labels.size() != pred.size()) {
            throw new UserException(labels.size() + " --labels but " + pred.size() + " --pred: give one of each per"
                    + " scan");
        }
        if (classes != null && ignore != null) {
            throw new UserException("--ignore-label is for class indices; with --classes name the unscored ids there"
                    + " ('<id> ignore')");
        }
        ClassList list = null;
        if (classes != null) {
            CloudFiles.requireFile(classes);
            list = ClassList.read(classes);
        }
        int[][] truth = new int[labels.size()][];
        int[][] guess = new int[labels.size()][];
        int max = 0;
        Set<Integer> ignored = ignore == null ? Set.of() : Set.copyOf(ignore);
        for (int s = 0; s < labels.size(); s++) {
            int[] y = SceneLabels.read(labels.get(s), labelField);
            int[] p = SceneLabels.read(pred.get(s), labelField);
            if (y.length != p.length) {
                throw new UserException(pred.get(s) + ": " + p.length + " predictions for " + y.length + " points in "
                        + labels.get(s));
            }
            for (int i = 0; i < y.length; i++) {
                if (list != null) {
                    y[i] = map(list, y[i], labels.get(s), i);
                    p[i] = y[i] < 0 ? 0 : map(list, p[i], pred.get(s), i);
                    if (p[i] < 0) {
                        throw new UserException(pred.get(s) + ": point " + i + " is predicted as " + list.idOf(p[i])
                                + ", an unscored id");
                    }
                } else {
                    if (y[i] < 0 || ignored.contains(y[i])) {
                        y[i] = -1;
                        continue;
                    }
                    if (p[i] < 0) {
                        throw new UserException(pred.get(s) + ": point " + i + " has prediction " + p[i]);
                    }
                    max = Math.max(max, Math.max(y[i], p[i]));
                }
            }
            truth[s] = y;
            guess[s] = p;
        }
        if (list == null && max >= MAX_CLASSES) {
            throw new UserException("label values go up to " + max + "; without --classes they must be class indices"
                    + " below " + MAX_CLASSES);
        }
        SemanticSegmentationEvaluator eval = list != null ? new SemanticSegmentationEvaluator(list.names())
                : new SemanticSegmentationEvaluator(max + 1);
        for (int s = 0; s < truth.length; s++) {
            eval.add(truth[s], guess[s]);
        }
        SemanticSegmentationResult r = eval.result();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, r);
        } else {
            out.print(r.toText());
            out.flush();
        }
        return ExitCodes.OK;
    }

    private static int map(ClassList list, int value, Path file, int point) {
        try {
            return list.indexOf(value);
        } catch (IllegalArgumentException e) {
            throw new UserException(file + ": point " + point + " has " + e.getMessage());
        }
    }
}
