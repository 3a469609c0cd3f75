package org.pointea.models.cuda;

/** What {@code column_partial_f32} sums per column ({@code reduce.cu}, same order). */
public enum ColumnReduction {
    /** {@code x}. */
    SUM,
    /** {@code (x - mean[c])^2}. */
    SQUARED_DEVIATION,
    /** {@code x * y}. */
    PRODUCT;

    /** The code passed to the kernel. */
    public int code() {
        return ordinal();
    }
}
