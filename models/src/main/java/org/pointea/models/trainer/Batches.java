package org.pointea.models.trainer;

import java.util.Arrays;
import org.pointea.io.dataset.PointCloudDataset;
import org.pointea.io.dataset.Sample;
import org.pointea.models.pct.PctClassifierConfig;
import org.pointea.models.pct.PctInput;
import org.pointea.models.pct.SegInput;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.sampling.RandomSampler;
import org.pointea.pointcloud.transform.PointTransform;

/**
 * Reads batches of a dataset for the networks. Every random draw comes from a stream named by the
 * run's seed and a purpose key plus (epoch, shape) or (vote, shape), so a batch is a pure function
 * of its indices: the same whatever the loader thread, the timing or a restart.
 */
final class Batches {
    /** Stream key of the epoch's shape order. */
    static final long KEY_ORDER = 1;
    /** Stream key of training augmentation. */
    static final long KEY_AUGMENT = 2;
    /** Stream key of the dropout masks. */
    static final long KEY_DROPOUT = 3;
    /** Stream key of test-time augmentation. */
    static final long KEY_VOTE = 4;

    private Batches() {
    }

    /** What to do to shape {@code index} before batching. */
    @FunctionalInterface
    interface Augmenter {
        /** No change. */
        Augmenter NONE = (index, cloud) -> cloud;

        PointCloud apply(int index, PointCloud cloud);
    }

    /** Training augmentation of an epoch. */
    static Augmenter training(PointTransform t, long seed, int epoch) {
        return t == null ? Augmenter.NONE : (i, c) -> t.apply(c, RandomStreams.of(seed, KEY_AUGMENT, epoch, i));
    }

    /** Test-time augmentation of vote {@code vote} (vote 0 is the plain shape). */
    static Augmenter vote(PointTransform t, long seed, int vote) {
        return t == null || vote == 0 ? Augmenter.NONE
                : (i, c) -> t.apply(c, RandomStreams.of(seed, KEY_VOTE, vote, i));
    }

    /** The shape order of an epoch: a seeded permutation of {@code [0, n)}. */
    static int[] order(int n, long seed, int epoch) {
        return RandomSampler.permutation(n, RandomStreams.of(seed, KEY_ORDER, epoch));
    }

    /** The dropout seed of a global step. */
    static long dropoutSeed(long seed, long step) {
        return RandomStreams.derive(seed, KEY_DROPOUT, step);
    }

    /** Indices {@code from..to-1} of {@code order} (or the identity when null). */
    static int[] slice(int[] order, int from, int to) {
        if (order != null) {
            return Arrays.copyOfRange(order, from, to);
        }
        int[] out = new int[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }

    /** A classification batch: the grouped input, the labels and the dataset indices. */
    record Cls(PctInput input, int[] labels, int[] indices) {
    }

    /**
     * A part-segmentation batch.
     *
     * @param input   positions and categories
     * @param parts   global part id of every point, {@code [B·N]}
     * @param indices dataset indices
     */
    record Seg(SegInput input, int[] parts, int[] indices) {
    }

    static Cls classification(PointCloudDataset ds, int[] indices, Augmenter aug, PctClassifierConfig c) {
        int n = c.points();
        int b = indices.length;
        float[] xyz = new float[b * n * 3];
        int[] labels = new int[b];
        for (int j = 0; j < b; j++) {
            Sample s = ds.get(indices[j]);
            PointCloud cloud = aug.apply(indices[j], s.cloud());
            copy(cloud, n, xyz, j, s.id());
            labels[j] = s.label();
        }
        return new Cls(PctInput.group(xyz, b, c, 1), labels, indices);
    }

    static Seg segmentation(PointCloudDataset ds, int[] indices, Augmenter aug, int n) {
        int b = indices.length;
        float[] xyz = new float[b * n * 3];
        int[] parts = new int[b * n];
        int[] cats = new int[b];
        for (int j = 0; j < b; j++) {
            Sample s = ds.get(indices[j]);
            PointCloud cloud = aug.apply(indices[j], s.cloud());
            copy(cloud, n, xyz, j, s.id());
            if (!cloud.hasLabels()) {
                throw new IllegalArgumentException("shape " + s.id() + " has no part labels");
            }
            System.arraycopy(cloud.labels(), 0, parts, j * n, n);
            cats[j] = s.label();
        }
        return new Seg(new SegInput(b, n, xyz, cats), parts, indices);
    }

    private static void copy(PointCloud cloud, int n, float[] xyz, int slot, String id) {
        if (cloud.size() != n) {
            throw new IllegalArgumentException("shape " + id + " has " + cloud.size() + " points after augmentation,"
                    + " the network takes " + n);
        }
        cloud.copyPositions(xyz, slot * n * 3);
    }
}
