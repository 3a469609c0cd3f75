package org.pointea.models.nn;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The backward of a row gather, {@code out[n] = Σ_{r : idx[r] = n} g[r]}, computed with a gather
 * and a oneDNN pooling per degree bucket instead of a scatter.
 *
 * <p>libnd4j's {@code scatter_add} / {@code unsorted_segment_sum} take 0.35 s / 1.4 s for the PCT
 * neighbourhood gradient ({@code [524288, 128]} floats into 32 k rows) on two cores. Here targets
 * are grouped into buckets by their number of occurrences (in-degree), each bucket padded to a
 * common width W from a ladder (≤ 25 % padding); one gather lays a bucket's occurrences out as
 * {@code [targets, W, C]} (padding points at a zero row appended to the source) and one NHWC average
 * pooling over W (times W) sums them. Every source row is read once; the result is deterministic.
 * Building the plan is O(R) Java work over the index array (done once per batch, by the data
 * pipeline), never over tensor values.
 *
 * <p>The source passed to {@link #apply} must have {@code sources() + 1} rows, the last one zero.
 */
public final class ScatterPlan implements AutoCloseable {
    /** How {@link LocalOp} computes the gather backward. */
    public enum Mode {
        /** libnd4j's {@code scatter_add}. */
        NATIVE,
        /** This plan. */
        PLAN
    }

    private static volatile Mode mode = Mode.valueOf(
            System.getProperty("pointea.scatter", "native").toUpperCase(java.util.Locale.ROOT));

    private static final int[] LADDER = {1, 2, 3, 4, 5, 6, 8, 10, 12, 14, 16, 18, 20, 24, 28, 32, 36, 40, 48, 56, 64,
        80, 96, 112, 128, 160, 192, 224, 256};

    private final int targets;
    private final int sources;
    private final int[] width;      // per bucket
    private final int[] count;      // targets per bucket
    private final int[] offset;     // first accumulator row of each bucket
    private final INDArray[] index; // per bucket, int32 [count * width]
    private final int zeroFrom;     // accumulator rows [zeroFrom, targets) have no occurrence
    private final INDArray unpermute;
    private final int maxBucketRows;
    private final int maxDegree;

    /**
     * Plans the scatter of {@code idx.length} source rows into {@code targets} rows.
     *
     * @throws IllegalArgumentException if an index is outside {@code [0, targets)}
     */
    public ScatterPlan(int[] idx, int targets) {
        this.targets = targets;
        this.sources = idx.length;
        int[] deg = new int[targets];
        for (int i = 0; i < idx.length; i++) {
            int n = idx[i];
            if (n < 0 || n >= targets) {
                throw new IllegalArgumentException("index " + n + " at " + i + " outside [0, " + targets + ")");
            }
            deg[n]++;
        }
        int maxDeg = 0;
        for (int d : deg) {
            maxDeg = Math.max(maxDeg, d);
        }
        this.maxDegree = maxDeg;
        // bucket widths: the ladder up to maxDeg, then doubling
        List<Integer> widths = new ArrayList<>();
        for (int w : LADDER) {
            widths.add(w);
            if (w >= maxDeg) {
                break;
            }
        }
        while (widths.get(widths.size() - 1) < maxDeg) {
            widths.add(widths.get(widths.size() - 1) * 2);
        }
        int nb = widths.size();
        int[] bucketOf = new int[maxDeg + 1];
        for (int d = 1, b = 0; d <= maxDeg; d++) {
            while (widths.get(b) < d) {
                b++;
            }
            bucketOf[d] = b;
        }
        int[] cnt = new int[nb];
        int zeros = 0;
        for (int d : deg) {
            if (d == 0) {
                zeros++;
            } else {
                cnt[bucketOf[d]]++;
            }
        }
        // occurrences per target (CSR, source order)
        int[] rowStart = new int[targets + 1];
        for (int n = 0; n < targets; n++) {
            rowStart[n + 1] = rowStart[n] + deg[n];
        }
        int[] fill = new int[targets];
        int[] occ = new int[sources];
        for (int r = 0; r < sources; r++) {
            int n = idx[r];
            occ[rowStart[n] + fill[n]++] = r;
        }
        // non-empty buckets only
        int used = 0;
        for (int c : cnt) {
            if (c > 0) {
                used++;
            }
        }
        width = new int[used];
        count = new int[used];
        offset = new int[used];
        index = new INDArray[used];
        int[] usedOf = new int[nb];
        int off = 0;
        int maxRows = 0;
        for (int b = 0, u = 0; b < nb; b++) {
            if (cnt[b] == 0) {
                usedOf[b] = -1;
                continue;
            }
            usedOf[b] = u;
            width[u] = widths.get(b);
            count[u] = cnt[b];
            offset[u] = off;
            off += cnt[b];
            maxRows = Math.max(maxRows, cnt[b] * width[u]);
            u++;
        }
        this.zeroFrom = off;
        this.maxBucketRows = maxRows;
        int[][] lists = new int[used][];
        int[] next = new int[used];
        for (int u = 0; u < used; u++) {
            lists[u] = new int[count[u] * width[u]];
        }
        int[] pos = new int[targets];
        int zeroNext = zeroFrom;
        for (int n = 0; n < targets; n++) {
            int d = deg[n];
            if (d == 0) {
                pos[n] = zeroNext++;
                continue;
            }
            int u = usedOf[bucketOf[d]];
            int slot = next[u]++;
            pos[n] = offset[u] + slot;
            int base = slot * width[u];
            for (int j = 0; j < width[u]; j++) {
                lists[u][base + j] = j < d ? occ[rowStart[n] + j] : sources; // padding: the zero row
            }
        }
        for (int u = 0; u < used; u++) {
            index[u] = Nd4j.createFromArray(lists[u]);
        }
        unpermute = Nd4j.createFromArray(pos);
    }

    /** The strategy in use ({@code -Dpointea.scatter=native|plan}). */
    public static Mode mode() {
        return mode;
    }

    /** Chooses the strategy (for benchmarks and tests). */
    public static void setMode(Mode m) {
        mode = m;
    }

    /** Number of target rows. */
    public int targets() {
        return targets;
    }

    /** Number of source rows (the source array has one more, zero, row). */
    public int sources() {
        return sources;
    }

    /** Largest number of sources summed into one target. */
    public int maxDegree() {
        return maxDegree;
    }

    /** Rows of the largest bucket (size of the {@code work} array of {@link #apply}). */
    public int maxBucketRows() {
        return maxBucketRows;
    }

    /**
     * {@code out[targets, C] = scatter-add of g[0 : sources, C]}. {@code gExt} has
     * {@code sources + 1} rows with the last one zero; {@code acc} is {@code [targets, C]} and
     * {@code work} at least {@code [maxBucketRows, C]}; none of the arrays may alias.
     */
    public void apply(INDArray gExt, INDArray out, INDArray acc, INDArray work) {
        if (gExt.rows() != sources + 1L) {
            throw new IllegalArgumentException("gradient has " + gExt.rows() + " rows, plan expects " + (sources + 1)
                    + " (sources and a zero row)");
        }
        long c = gExt.columns();
        for (int u = 0; u < width.length; u++) {
            long rows = (long) count[u] * width[u];
            INDArray w = rows(work, 0, rows);
            Ops.gatherRows(gExt, index[u], w);
            INDArray a = rows(acc, offset[u], offset[u] + count[u]);
            if (width[u] == 1) {
                a.assign(w);
            } else {
                Ops.exec("avgpool2d", new INDArray[] {w.reshape(count[u], width[u], 1, c)},
                        new INDArray[] {a.reshape(count[u], 1, 1, c)},
                        new long[] {width[u], 1, width[u], 1, 0, 0, 1, 1, 0, 0, 1}, null);
                a.muli(width[u]);
            }
        }
        if (zeroFrom < targets) {
            rows(acc, zeroFrom, targets).assign(0);
        }
        Ops.gatherRows(acc, unpermute, out);
    }

    private static INDArray rows(INDArray a, long from, long to) {
        return from == 0 && to == a.rows() ? a : a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    @Override
    public void close() {
        for (INDArray i : index) {
            i.close();
        }
        unpermute.close();
    }
}
