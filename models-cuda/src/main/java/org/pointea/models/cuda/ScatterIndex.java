package org.pointea.models.cuda;

/**
 * The transpose of a row gather, for a deterministic scatter-add on the GPU: for gather indices
 * {@code idx} (source row {@code i} of the gathered array came from table row {@code idx[i]}), the
 * gathered rows grouped by the table row they add into. {@code order[offsets[t] .. offsets[t+1])}
 * lists, in increasing order, the gathered rows whose index is {@code t}; the kernel
 * ({@code scatter_add_csr_f32}) sums them in that order, so the result is the same on every run,
 * unlike an atomic scatter. Built on the CPU once per batch (the indices come from CPU grouping) by
 * a counting sort: O(n + targets).
 *
 * <pre>{@code
 * ScatterIndex s = ScatterIndex.of(neighbours, sourceRows);   // upload s.order(), s.offsets()
 * }</pre>
 */
public final class ScatterIndex {
    private final int[] order;
    private final int[] offsets;

    private ScatterIndex(int[] order, int[] offsets) {
        this.order = order;
        this.offsets = offsets;
    }

    /**
     * Builds the index.
     *
     * @param idx     gather indices, each in {@code [0, targets)}
     * @param targets rows of the table
     * @throws IllegalArgumentException naming the first index out of range
     */
    public static ScatterIndex of(int[] idx, int targets) {
        if (targets < 0) {
            throw new IllegalArgumentException("targets must be >= 0, got " + targets);
        }
        int[] offsets = new int[targets + 1];
        for (int i = 0; i < idx.length; i++) {
            int t = idx[i];
            if (t < 0 || t >= targets) {
                throw new IllegalArgumentException("gather index " + t + " at position " + i + " is outside [0, "
                        + targets + ")");
            }
            offsets[t + 1]++;
        }
        for (int t = 0; t < targets; t++) {
            offsets[t + 1] += offsets[t];
        }
        int[] next = java.util.Arrays.copyOf(offsets, targets);
        int[] order = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            order[next[idx[i]]++] = i;
        }
        return new ScatterIndex(order, offsets);
    }

    /** Gathered rows sorted by target, stable ({@code n} entries). */
    public int[] order() {
        return order;
    }

    /** Start of each target's run in {@link #order()}, plus the end ({@code targets + 1} entries). */
    public int[] offsets() {
        return offsets;
    }

    /** Number of targets. */
    public int targets() {
        return offsets.length - 1;
    }
}
