package org.pointea.models.cuda;

/**
 * The arithmetic of the CUDA backend's float32 matrix products. {@link #FP32} is the default: full
 * float32 products, as the CPU backend and the parity fixtures. {@link #TF32} lets cuBLAS use
 * tensor cores on Ampere and newer GPUs (10-bit mantissa inputs, float32 accumulation): several
 * times faster, about 1e-3 relative error per product. Double-precision products are unaffected.
 * Chosen with {@code -Dpointea.cuda.gemm=tf32}.
 */
public enum GemmPrecision {
    /** Full float32 (cuBLAS default math). */
    FP32,
    /** TF32 tensor-core math for float32 products. */
    TF32;

    /** The system property choosing the precision. */
    public static final String PROPERTY = "pointea.cuda.gemm";

    /** From {@code -Dpointea.cuda.gemm} ({@code fp32} when unset). */
    public static GemmPrecision fromSystemProperty() {
        String v = System.getProperty(PROPERTY, "fp32").strip();
        try {
            return valueOf(v.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + v + ": expected fp32 or tf32");
        }
    }
}
