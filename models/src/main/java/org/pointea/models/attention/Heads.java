package org.pointea.models.attention;

import org.pointea.models.backend.DeviceArray;

/** Moves head channels between {@code [B·N, H·d]} rows and head-major {@code [B·H, N, d]} stacks. */
final class Heads {
    private static final int[] SWAP_HEADS_AND_POINTS = {0, 2, 1, 3};

    private Heads() {
    }

    /** {@code out[b·H + h, n, :] = x[b·N + n, h·d : (h+1)·d]}. */
    static void split(DeviceArray x, int b, int n, int h, DeviceArray out) {
        long d = x.columns() / h;
        x.backend().permute(x.reshape(b, n, h, d), SWAP_HEADS_AND_POINTS, out.reshape(b, h, n, d));
    }

    /** Inverse of {@link #split}. */
    static void merge(DeviceArray stacked, int b, int n, int h, DeviceArray out) {
        long d = stacked.size(2);
        stacked.backend().permute(stacked.reshape(b, h, n, d), SWAP_HEADS_AND_POINTS, out.reshape(b, n, h, d));
    }
}
