package org.pointea.models.cuda;

/**
 * The column-major cuBLAS call for a row-major product {@code C[m, n] = alpha op(A) op(B) + beta C}.
 *
 * <p>pointea's arrays are row-major; cuBLAS is column-major. A row-major matrix with row stride
 * {@code ld} is, in the same memory, the column-major transpose with leading dimension {@code ld}.
 * So {@code C = op(A) op(B)} is computed as {@code Cᵀ = op(B)ᵀ op(A)ᵀ}: B and A swap places, their
 * operation flags stay, and m and n swap. Strides are in elements; a stride larger than a row
 * (a column block of a wider array) is passed through unchanged.
 *
 * <pre>{@code
 * GemmCall g = GemmCall.rowMajor(false, true, rows, out, in, in, in, out);  // y = x Wᵀ
 * cublasSgemm_v2(h, g.opFirst(), g.opSecond(), g.m(), g.n(), g.k(), alpha, B, g.ldFirst(), A, g.ldSecond(), beta, C, g.ldc());
 * }</pre>
 *
 * @param opFirst  cuBLAS operation of the first operand (row-major B): 0 N, 1 T
 * @param opSecond cuBLAS operation of the second operand (row-major A)
 * @param m        cuBLAS m (row-major n)
 * @param n        cuBLAS n (row-major m)
 * @param k        the inner dimension
 * @param ldFirst  leading dimension of the first operand (B's row stride)
 * @param ldSecond leading dimension of the second operand (A's row stride)
 * @param ldc      C's row stride
 */
public record GemmCall(int opFirst, int opSecond, int m, int n, int k, int ldFirst, int ldSecond, int ldc) {
    /** cuBLAS {@code CUBLAS_OP_N}. */
    public static final int OP_N = 0;
    /** cuBLAS {@code CUBLAS_OP_T}. */
    public static final int OP_T = 1;

    /**
     * Maps a row-major product.
     *
     * @param transA use Aᵀ (A is stored {@code [k, m]})
     * @param transB use Bᵀ (B is stored {@code [n, k]})
     * @param m      rows of C
     * @param n      columns of C
     * @param k      inner dimension
     * @param lda    A's row stride (at least its stored columns)
     * @param ldb    B's row stride
     * @param ldc    C's row stride (at least n)
     * @return the cuBLAS arguments
     * @throws IllegalArgumentException for negative sizes, strides shorter than a row, or sizes over
     *                                  cuBLAS's int range
     */
    public static GemmCall rowMajor(boolean transA, boolean transB, long m, long n, long k, long lda, long ldb,
                                    long ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative GEMM size " + m + " x " + n + " x " + k);
        }
        long aCols = transA ? m : k;
        long bCols = transB ? k : n;
        requireStride("A", lda, aCols);
        requireStride("B", ldb, bCols);
        requireStride("C", ldc, n);
        return new GemmCall(transB ? OP_T : OP_N, transA ? OP_T : OP_N, toInt(n), toInt(m), toInt(k), toInt(ldb),
                toInt(lda), toInt(ldc));
    }

    private static void requireStride(String which, long ld, long cols) {
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException(which + "'s row stride " + ld + " is shorter than its " + cols
                    + " columns");
        }
    }

    private static int toInt(long v) {
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("GEMM dimension " + v + " exceeds cuBLAS's int range");
        }
        return (int) v;
    }
}
