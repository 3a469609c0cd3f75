package org.pointea.models.attention;

/** The attention mechanisms a {@link Mixer} can be. */
public enum MixerKind {
    /**
     * External Attention (Guo et al., arXiv 2105.02358): two learnable memories of S slots;
     * softmax over the points, then L1 over the slots. Linear in the number of points.
     */
    EXTERNAL,
    /** UFO attention (Song, arXiv 2109.14382): XNorm on Q and KᵀV, no softmax; linear in the points. */
    UFO,
    /** PCT's offset attention (Guo et al., arXiv 2012.09688): shared Q/K, softmax then L1, offset input. */
    OFFSET,
    /** Scaled dot-product multi-head self-attention (Vaswani et al.); quadratic in the points. */
    SELF
}
