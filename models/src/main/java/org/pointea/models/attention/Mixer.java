package org.pointea.models.attention;

import org.pointea.models.backend.DeviceArray;

/**
 * A token mixer: maps per-point features {@code x[batch·points, C]} (rows batch-major, channels
 * contiguous) to features of the same shape by attending across the points of each cloud. The
 * implementations are External Attention, UFO attention, PCT's offset attention and scaled
 * dot-product self-attention; {@link AttentionLayer} wraps any of them into PCT's residual block.
 *
 * <p>Arrays returned by {@link #forward} and {@link #backward} are owned by the mixer (its
 * network's {@link org.pointea.models.backend.BufferRegistry}) and valid until its next call; the
 * mixer keeps a reference to {@code x} for the backward pass, so callers must not overwrite it in
 * between. A mixer instance is not thread-safe.
 */
public interface Mixer {

    /** Feature channels C. */
    int channels();

    /** The configuration this mixer was built from. */
    MixerConfig config();

    /** Forward pass over {@code batch} clouds of {@code points} points each. */
    DeviceArray forward(DeviceArray x, int batch, int points, boolean training);

    /**
     * Backward pass: writes parameter gradients and returns {@code dL/dx}. May overwrite
     * {@code dOut}.
     */
    DeviceArray backward(DeviceArray dOut);
}
