package org.pointea.models.task.partseg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pointea.eval.ArgMax;
import org.pointea.eval.LogitVotes;
import org.pointea.eval.PartSegmentationEvaluator;
import org.pointea.eval.report.SegmentedShape;
import org.pointea.io.dataset.CachedDataset;
import org.pointea.io.dataset.ShapeNetPartDataset;
import org.pointea.io.dataset.PointCloudDataset;
import org.pointea.io.dataset.Sample;
import org.pointea.io.dataset.Subsampling;
import org.pointea.io.dataset.Task;
import org.pointea.models.data.Augmentations;
import org.pointea.models.data.Preprocessing;
import org.pointea.models.data.SampleAugmenter;
import org.pointea.models.network.CloudBatch;
import org.pointea.models.network.NetworkConfig;
import org.pointea.models.task.CloudInput;
import org.pointea.models.task.Evaluation;
import org.pointea.models.task.LabelledBatch;
import org.pointea.models.task.ModelTask;
import org.pointea.models.task.Prediction;
import org.pointea.models.task.Scorer;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.ShapeNetPart;
import org.pointea.pointcloud.neighbors.KdTree;

/**
 * Part segmentation of shapes of a known object category (ShapeNet-part and every dataset of
 * {@link Task#PART_SEGMENTATION}): a part per point, the category given per cloud. Scored by
 * instance and class mIoU with the restricted argmax over the category's parts; predicted as a
 * {@link PartSegmentation} labelling every input point (the network labels the sampled points,
 * every other point takes its nearest sampled point's label). Recipe: plain cross entropy, batch
 * 16, scale / translate augmentation, points drawn with replacement, best model by validation
 * instance mIoU.
 */
public final class PartSegmentationTask implements ModelTask {
    /** The id in {@code model.json}. */
    public static final String ID = "part_segmentation";
    /** The default test-time augmentation of votes (keeps every point in place). */
    public static final String VOTE_AUGMENTATION = "scale(0.85,1.15)";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<String> aliases() {
        return List.of("partseg", "seg");
    }

    @Override
    public String title() {
        return "part-segmentation";
    }

    @Override
    public Task datasetTask() {
        return Task.PART_SEGMENTATION;
    }

    @Override
    public int defaultBatchSize() {
        return 16;
    }

    @Override
    public double defaultSmoothing() {
        return 0.0;
    }

    @Override
    public String defaultAugmentation() {
        return Augmentations.PARTSEG;
    }

    @Override
    public String defaultVoteAugmentation() {
        return VOTE_AUGMENTATION;
    }

    @Override
    public boolean perPointOutputs() {
        return true;
    }

    @Override
    public String selectionMetric() {
        return "instance_miou";
    }

    @Override
    public void checkLabels(NetworkConfig net, List<String> labels) {
        if (labels.size() != net.categories()) {
            throw new IllegalArgumentException(labels.size() + " category names for " + net.categories()
                    + " categories");
        }
    }

    @Override
    public List<String> modelLabels(List<String> datasetLabels) {
        return ShapeNetPart.categoryNames();
    }

    @Override
    public CachedDataset.BaseBuilder<?> datasetBuilder() {
        return ShapeNetPartDataset.builder();
    }

    @Override
    public Preprocessing defaultPreprocessing() {
        return new Preprocessing(Subsampling.RANDOM_WITH_REPLACEMENT, Preprocessing.Normalization.UNIT_SPHERE);
    }

    @Override
    public void checkData(NetworkConfig net, List<String> labels, PointCloudDataset data, String what) {
        if (data.task() != Task.PART_SEGMENTATION) {
            throw new IllegalArgumentException("the " + what + " data is not for part-segmentation");
        }
        if (data.pointsPerShape() != net.points()) {
            throw new IllegalArgumentException("the " + what + " data has " + data.pointsPerShape()
                    + " points per shape, the model takes " + net.points());
        }
    }

    @Override
    public LabelledBatch read(PointCloudDataset data, int[] indices, SampleAugmenter augmenter, int points) {
        int b = indices.length;
        float[] xyz = new float[b * points * 3];
        int[] parts = new int[b * points];
        int[] cats = new int[b];
        for (int j = 0; j < b; j++) {
            Sample s = data.get(indices[j]);
            PointCloud cloud = augmenter.apply(indices[j], s.cloud());
            if (cloud.size() != points) {
                throw new IllegalArgumentException("shape " + s.id() + " has " + cloud.size()
                        + " points after augmentation, the network takes " + points);
            }
            cloud.copyPositions(xyz, j * points * 3);
            if (!cloud.hasLabels()) {
                throw new IllegalArgumentException("shape " + s.id() + " has no part labels");
            }
            System.arraycopy(cloud.labels(), 0, parts, j * points, points);
            cats[j] = s.label();
        }
        return new LabelledBatch(CloudBatch.of(b, points, xyz, cats), parts, indices);
    }

    @Override
    public Scorer scorer(NetworkConfig net, List<String> labels, int keepShapes) {
        return new PartScorer(net.points(), net.outputs(), keepShapes);
    }

    @Override
    public boolean needsCategory() {
        return true;
    }

    @Override
    public int categoryIndex(NetworkConfig net, List<String> labels, String name) {
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).equalsIgnoreCase(name.strip())) {
                return i;
            }
        }
        if (shapeNetPart(net) && ShapeNetPart.synsets().contains(name.strip())) {
            return ShapeNetPart.synsets().indexOf(name.strip());
        }
        throw new IllegalArgumentException("unknown category '" + name + "'; the model knows "
                + String.join(", ", labels));
    }

    /** True when the network's parts and categories are ShapeNet-part's (its part table applies). */
    static boolean shapeNetPart(NetworkConfig net) {
        return net.categories() == ShapeNetPart.CATEGORIES && net.outputs() == ShapeNetPart.PARTS;
    }

    @Override
    public Prediction decode(NetworkConfig net, List<String> labels, float[] outputs, int cloud, CloudInput input,
                             int category, int threads) {
        int n = net.points();
        int parts = net.outputs();
        int first = shapeNetPart(net) ? ShapeNetPart.firstPart(category) : 0;
        int count = shapeNetPart(net) ? ShapeNetPart.partCount(category) : parts;
        int[] sampledLabels = new int[n];
        ArgMax.restricted(outputs, cloud * n * parts, n, parts, first, count, sampledLabels, 0);
        PointCloud given = input.cloud();
        // every input point takes the label of its nearest sampled point
        KdTree tree = KdTree.build(input.positions(), n);
        int[] nearest = new int[given.size()];
        float[] d2 = new float[given.size()];
        tree.knn(given.positions(), given.size(), 1, nearest, d2, threads);
        int[] all = new int[given.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = nearest[i] < 0 ? PartSegmentation.NO_LABEL : sampledLabels[nearest[i]];
        }
        return new PartSegmentation(category, labels.get(category), first, count, all, input.sampled());
    }

    /** Per-shape IoUs with the restricted argmax, and a few shapes (one per category) for a report. */
    private static final class PartScorer implements Scorer {
        private final int points;
        private final int parts;
        private final int keep;
        private final PartSegmentationEvaluator eval = new PartSegmentationEvaluator();
        private final List<SegmentedShape> shapes = new ArrayList<>();
        private final Set<Integer> shown = new HashSet<>();

        PartScorer(int points, int parts, int keep) {
            this.points = points;
            this.parts = parts;
            this.keep = keep;
        }

        @Override
        public void add(LabelledBatch batch, LogitVotes outputs) {
            float[] mean = outputs.mean();
            int[] cats = batch.clouds().categories();
            for (int j = 0; j < cats.length; j++) {
                eval.addShapeLogits(cats[j], batch.targets(), j * points, mean, j * points * parts, points);
                if (shapes.size() < keep && shown.add(cats[j])) {
                    shapes.add(shape(batch, j, mean));
                }
            }
        }

        private SegmentedShape shape(LabelledBatch batch, int j, float[] logits) {
            int cat = batch.clouds().categories()[j];
            float[] xyz = Arrays.copyOfRange(batch.clouds().xyz(), j * points * 3, (j + 1) * points * 3);
            int[] truth = Arrays.copyOfRange(batch.targets(), j * points, (j + 1) * points);
            int[] pred = new int[points];
            ArgMax.restricted(logits, j * points * parts, points, parts, ShapeNetPart.firstPart(cat),
                    ShapeNetPart.partCount(cat), pred, 0);
            double[] ious = eval.shapeIous();
            String title = String.format(Locale.ROOT, "%s #%d  IoU %.3f", ShapeNetPart.categoryName(cat),
                    batch.indices()[j], ious[ious.length - 1]);
            return new SegmentedShape(title, PointCloud.of(xyz), truth, pred);
        }

        @Override
        public Evaluation result(double loss, int votes) {
            return new SegmentationEvaluation(eval.result(), loss, votes, shapes);
        }
    }
}
