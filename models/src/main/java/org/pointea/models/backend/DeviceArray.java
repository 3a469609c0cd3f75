package org.pointea.models.backend;

/**
 * A dense array in a {@link Backend}'s memory (host memory for the CPU backend, GPU memory for a
 * GPU backend), created by that backend and handed back to it as an operand. Layers never read or
 * write elements one by one: every computation is a backend operation, and data crosses to the
 * Java heap only through {@link Backend#upload} and {@link Backend#toFloatArray} and their kin.
 *
 * <p><b>Layout.</b> Every array is row-major (C order) with unit stride on its last axis. An
 * array is either <em>contiguous</em> (no gaps) or a two-dimensional <em>column block</em> of a
 * contiguous matrix (see {@link #columns}): its rows are {@link #rowStride()} elements apart,
 * more than its number of columns. Views share memory with the array they come from and stay
 * valid while it does; they are never closed on their own.
 *
 * <p><b>Ownership.</b> An array that is not a view belongs to whoever created it: a
 * {@link BufferRegistry} or a {@link org.pointea.models.nn.ParamStore} for a network's arrays,
 * otherwise the caller, who releases it with {@link #close()} (idempotent; closing a view does
 * nothing). Not thread-safe: an array is used by one thread at a time.
 */
public interface DeviceArray extends AutoCloseable {

    /** The backend that owns this array's memory. */
    Backend backend();

    /** The element type. */
    DType dtype();

    /** The dimensions (a copy). */
    long[] shape();

    /** Number of dimensions. */
    int rank();

    /** Size of dimension {@code dim}. */
    long size(int dim);

    /** Number of elements. */
    long length();

    /** Rows of a matrix ({@code size(0)}); rank 2 only. */
    default long rows() {
        requireMatrix();
        return size(0);
    }

    /** Columns of a matrix ({@code size(1)}); rank 2 only. */
    default long columns() {
        requireMatrix();
        return size(1);
    }

    /** Elements between the starts of consecutive rows of a matrix: {@link #columns()} unless a column block. */
    long rowStride();

    /** True when the elements are contiguous in row-major order (false only for column blocks). */
    boolean isContiguous();

    /**
     * The same elements with another shape of the same length (a view); contiguous arrays only.
     *
     * @throws IllegalArgumentException when the lengths differ or the array is a column block
     */
    DeviceArray reshape(long... shape);

    /**
     * Rows {@code [from, to)} of a contiguous matrix, a contiguous view {@code [to − from, columns]}.
     *
     * @throws IllegalArgumentException when the range is outside the matrix
     */
    DeviceArray rows(long from, long to);

    /** Row {@code r} as a {@code [1, columns]} view. */
    default DeviceArray row(long r) {
        return rows(r, r + 1);
    }

    /**
     * Columns {@code [from, to)} of a contiguous matrix: a column-block view
     * {@code [rows, to − from]} whose row stride is the matrix's column count (the whole matrix,
     * contiguous, when the range covers every column).
     *
     * @throws IllegalArgumentException when the range is outside the matrix
     */
    DeviceArray columns(long from, long to);

    /** True for a view (its memory belongs to another array). */
    boolean isView();

    /** Releases the memory of an array that is not a view; idempotent. */
    @Override
    void close();

    private void requireMatrix() {
        if (rank() != 2) {
            throw new IllegalStateException("not a matrix: rank " + rank());
        }
    }
}
