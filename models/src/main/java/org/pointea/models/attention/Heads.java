package org.pointea.models.attention;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Moves head channels between {@code [B·N, H·d]} rows and head-major {@code [B·H, N, d]} stacks. */
final class Heads {
    private Heads() {
    }

    /** {@code out[b·H + h, n, :] = x[b·N + n, h·d : (h+1)·d]}. */
    static void split(INDArray x, int b, int n, int h, INDArray out) {
        long d = x.columns() / h;
        out.reshape(b, h, n, d).assign(x.reshape(b, n, h, d).permute(0, 2, 1, 3));
    }

    /** Inverse of {@link #split}. */
    static void merge(INDArray stacked, int b, int n, int h, INDArray out) {
        long d = stacked.size(2);
        out.reshape(b, n, h, d).assign(stacked.reshape(b, h, n, d).permute(0, 2, 1, 3));
    }
}
