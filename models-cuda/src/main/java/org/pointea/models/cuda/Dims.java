package org.pointea.models.cuda;

import java.util.Arrays;

/**
 * The {@code Dims} struct of {@code common.cuh} (up to {@value #MAX_RANK} dimensions with three
 * stride sets, 192 bytes, passed to a kernel by value), built on the host for broadcasts, permutes
 * and sums over axes. Shorter shapes are padded in front with size-1 dimensions; strides are in
 * elements.
 *
 * <pre>{@code
 * Dims d = Dims.broadcast(new long[] {4, 3}, new long[] {3, 1}, new long[] {1, 3}, new long[] {3, 1});
 * }</pre>
 *
 * @param n  sizes
 * @param s0 first stride set
 * @param s1 second stride set
 * @param s2 third stride set
 */
public record Dims(long[] n, long[] s0, long[] s1, long[] s2) {
    /** Dimensions the struct holds. */
    public static final int MAX_RANK = 6;
    /** Size of the struct in bytes. */
    public static final int BYTES = 4 * MAX_RANK * 8;

    /** Validates and copies (each array exactly {@value #MAX_RANK} long). */
    public Dims {
        n = exact(n, "n");
        s0 = exact(s0, "s0");
        s1 = exact(s1, "s1");
        s2 = exact(s2, "s2");
    }

    /** The number of elements enumerated (the product of {@link #n()}). */
    public long count() {
        long c = 1;
        for (long v : n) {
            c *= v;
        }
        return c;
    }

    /**
     * Broadcast binary operation: {@code out} dims, x's strides, y's strides (0 along broadcast
     * dimensions), out's strides.
     */
    public static Dims broadcast(long[] outShape, long[] xStrides, long[] yStrides, long[] outStrides) {
        return new Dims(pad(outShape, 1), pad(xStrides, 0), pad(yStrides, 0), pad(outStrides, 0));
    }

    /** Permute: out's dims, x's stride along each out axis, out's strides. */
    public static Dims permute(long[] outShape, long[] xStridesByOutAxis, long[] outStrides) {
        return new Dims(pad(outShape, 1), pad(xStridesByOutAxis, 0), new long[MAX_RANK], pad(outStrides, 0));
    }

    /**
     * Sum over axes: the kept dims and x's strides along them; the reduced dims' strides and sizes.
     */
    public static Dims sumAxes(long[] keptShape, long[] keptStrides, long[] reducedStrides, long[] reducedShape) {
        return new Dims(pad(keptShape, 1), pad(keptStrides, 0), pad(reducedStrides, 0), pad(reducedShape, 1));
    }

    /** Row-major (contiguous) strides of a shape. */
    public static long[] contiguousStrides(long[] shape) {
        long[] s = new long[shape.length];
        long run = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = run;
            run *= shape[i];
        }
        return s;
    }

    /** Pads in front to {@value #MAX_RANK} entries with {@code fill}. */
    static long[] pad(long[] v, long fill) {
        if (v.length > MAX_RANK) {
            throw new IllegalArgumentException("rank " + v.length + " exceeds the kernels' " + MAX_RANK);
        }
        long[] out = new long[MAX_RANK];
        Arrays.fill(out, 0, MAX_RANK - v.length, fill);
        System.arraycopy(v, 0, out, MAX_RANK - v.length, v.length);
        return out;
    }

    private static long[] exact(long[] v, String what) {
        if (v == null || v.length != MAX_RANK) {
            throw new IllegalArgumentException(what + " must have " + MAX_RANK + " entries");
        }
        return v.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dims d && Arrays.equals(n, d.n) && Arrays.equals(s0, d.s0) && Arrays.equals(s1, d.s1)
                && Arrays.equals(s2, d.s2);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(n) * 31 + Arrays.hashCode(s0);
    }

    @Override
    public String toString() {
        return "Dims[n=" + Arrays.toString(n) + ", s0=" + Arrays.toString(s0) + ", s1=" + Arrays.toString(s1)
                + ", s2=" + Arrays.toString(s2) + "]";
    }
}
