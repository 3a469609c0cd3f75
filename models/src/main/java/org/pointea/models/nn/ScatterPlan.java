package org.pointea.models.nn;

import java.util.ArrayList;
import java.util.List;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.ScalarOp;

/**
 * The backward of a row gather, {@code out[n] = Σ_{r : idx[r] = n} g[r]}, computed with a gather
 * and a group mean per degree bucket instead of a scatter.
 *
 * <p>libnd4j's {@code scatter_add} / {@code unsorted_segment_sum} take 0.35 s / 1.4 s for the PCT
 * neighbourhood gradient ({@code [524288, 128]} floats into 32 k rows) on two cores. Here targets
 * are grouped into buckets by their number of occurrences (in-degree), each bucket padded to a
 * common width W from a ladder (≤ 25 % padding); one gather lays a bucket's occurrences out as
 * {@code [targets, W, C]} (padding points at a zero row appended to the source) and one NHWC average
 * pooling over W (times W) sums them. Every source row is read once; the result is deterministic.
 * Building the plan is O(R) Java work over the index array (done once per batch, by the data
 * pipeline), never over tensor values; the plan holds host arrays only and uploads its indices when
 * applied.
 *
 * <p>The source passed to {@link #apply} must have {@code sources() + 1} rows, the last one zero.
 */
public final class ScatterPlan {
    /** How {@link LocalOp} computes the gather backward. */
    public enum Mode {
        /** The backend's {@link Backend#scatterAddRows} (libnd4j's {@code scatter_add} on the CPU). */
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
    private final int[][] index;    // per bucket, [count * width]
    private final int zeroFrom;     // accumulator rows [zeroFrom, targets) have no occurrence
    private final int[] unpermute;
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
        index = new int[used][];
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
        System.arraycopy(lists, 0, index, 0, used);
        unpermute = pos;
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

    /** Where {@link #apply} puts its index arrays on the device: a reusable INT array per slot. */
    @FunctionalInterface
    public interface IndexSlots {
        /** An INT array {@code [n]} for slot {@code slot} (reused between calls). */
        DeviceArray get(int slot, int n);
    }

    /**
     * {@code out[targets, C] = scatter-add of g[0 : sources, C]}. {@code gExt} has
     * {@code sources + 1} rows with the last one zero; {@code acc} is {@code [targets, C]} and
     * {@code work} at least {@code [maxBucketRows, C]}; none of the arrays may alias.
     */
    public void apply(DeviceArray gExt, DeviceArray out, DeviceArray acc, DeviceArray work, IndexSlots slots) {
        if (gExt.rows() != sources + 1L) {
            throw new IllegalArgumentException("gradient has " + gExt.rows() + " rows, plan expects " + (sources + 1)
                    + " (sources and a zero row)");
        }
        Backend be = gExt.backend();
        for (int u = 0; u < width.length; u++) {
            long rows = (long) count[u] * width[u];
            DeviceArray w = work.rows(0, rows);
            DeviceArray idx = slots.get(u, index[u].length);
            be.upload(index[u], idx);
            be.gatherRows(gExt, idx, w);
            DeviceArray a = acc.rows(offset[u], offset[u] + count[u]);
            if (width[u] == 1) {
                be.copy(w, a);
            } else {
                be.meanOverGroups(w, width[u], a);
                be.scalar(ScalarOp.MULTIPLY, a, width[u], a);
            }
        }
        if (zeroFrom < targets) {
            be.fill(acc.rows(zeroFrom, targets), 0);
        }
        DeviceArray un = slots.get(width.length, unpermute.length);
        be.upload(unpermute, un);
        be.gatherRows(acc, un, out);
    }

    /** The number of index slots {@link #apply} uses (one per bucket and one for the final permutation). */
    public int slots() {
        return width.length + 1;
    }

}
