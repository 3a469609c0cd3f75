package org.pointea.models.trainer;

import java.util.Arrays;
import org.pointea.models.data.SampleAugmenter;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.sampling.RandomSampler;
import org.pointea.pointcloud.transform.PointTransform;

/**
 * The seeded choices of a run. Every random draw comes from a stream named by the run's seed and a
 * purpose key plus (epoch, shape) or (vote, shape), so a batch is a pure function of its indices:
 * the same whatever the loader thread, the timing or a restart.
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

    /** Training augmentation of an epoch. */
    static SampleAugmenter training(PointTransform t, long seed, int epoch) {
        return t == null ? SampleAugmenter.NONE : (i, c) -> t.apply(c, RandomStreams.of(seed, KEY_AUGMENT, epoch, i));
    }

    /** Test-time augmentation of vote {@code vote} (vote 0 is the plain shape). */
    static SampleAugmenter vote(PointTransform t, long seed, int vote) {
        return t == null || vote == 0 ? SampleAugmenter.NONE
                : (i, c) -> t.apply(c, RandomStreams.of(seed, KEY_VOTE, vote, i));
    }

    /** The shape order of an epoch: a seeded permutation of {@code [0, n)}. */
    static int[] order(int n, long seed, int epoch) {
        return RandomSampler.permutation(n, RandomStreams.of(seed, KEY_ORDER, epoch));
    }

    /**
     * The dropout seed of a global step, for worker {@code rank} of a data-parallel run (rank 0, the
     * only worker of a local run, keeps the single-process seeds).
     */
    static long dropoutSeed(long seed, long step, int rank) {
        long s = RandomStreams.derive(seed, KEY_DROPOUT, step);
        return rank == 0 ? s : RandomStreams.derive(s, KEY_DROPOUT, rank);
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
}
