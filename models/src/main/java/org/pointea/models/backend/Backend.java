package org.pointea.models.backend;

/**
 * The compute boundary of the networks: device memory and the operations every layer, loss and
 * optimizer is built from. A second implementation (a GPU, another CPU library) is a matter of
 * implementing this interface and {@link DeviceArray}; no layer changes. The operations and
 * their exact semantics are listed in {@code docs/engine.md} ("The backend boundary");
 * {@code BackendConformance} (test sources) checks any implementation against them.
 *
 * <p><b>Common rules.</b>
 * <ul>
 *   <li>Operands are {@link DeviceArray}s of this backend. Floating-point operands of one call
 *       share one {@link DType} ({@code FLOAT} or {@code DOUBLE}); index operands are
 *       {@code INT}. Shapes are checked; a mismatch is an {@link IllegalArgumentException}.</li>
 *   <li>Arrays are contiguous unless an operation says that it accepts column blocks
 *       ({@link DeviceArray#columns}).</li>
 *   <li>An output may be the very same array as an input only where the operation says so
 *       ("in place allowed"); otherwise outputs must not overlap inputs.</li>
 *   <li>Results are deterministic: the same inputs and the same {@link #threads()} give the same
 *       bits (kill-anywhere resume and the data-parallel trainer rely on it). Results may differ
 *       between thread counts and between backends in the last bits of reductions and products.</li>
 *   <li>Calls run in program order as seen from the calling thread (a GPU backend may queue them
 *       and synchronise in the transfers to the Java heap). A backend instance may be used from
 *       several threads, an array from one thread at a time.</li>
 * </ul>
 *
 * <pre>{@code
 * Backend be = Backends.cpu();
 * try (DeviceArray x = be.allocate(DType.FLOAT, 2, 3); DeviceArray y = be.allocate(DType.FLOAT, 2, 3)) {
 *     be.upload(new float[] {1, 2, 3, 4, 5, 6}, x);
 *     be.unary(UnaryOp.RELU, x, y);
 *     float[] host = be.toFloatArray(y);
 * }
 * }</pre>
 */
public interface Backend {

    // ---- identity and runtime ------------------------------------------------------------------

    /** A short name: {@code cpu} (ND4J) or {@code cuda}. */
    String name();

    /** One line describing the loaded implementation (library, build flags, threads, device). */
    String describe();

    /** The number of threads an operation may use (CPU backends; 1 for a GPU backend). */
    int threads();

    /**
     * Sets the number of threads operations use from now on (CPU backends; ignored by a GPU
     * backend). Results are bit-identical for equal thread counts only, so a trainer records the
     * count and restores it on resume.
     */
    void setThreads(int threads);

    // ---- memory and transfers ------------------------------------------------------------------

    /** A new contiguous array; its contents are undefined until written. */
    DeviceArray allocate(DType type, long... shape);

    /** A new contiguous array of zeros. */
    DeviceArray zeros(DType type, long... shape);

    /**
     * Copies host values into {@code dst} in row-major order, rounding to a {@code FLOAT} array's
     * type. {@code src.length} must equal {@code dst.length()}; {@code dst} is floating point and
     * may be a column block.
     */
    void upload(float[] src, DeviceArray dst);

    /** As {@link #upload(float[], DeviceArray)} from doubles (rounded to nearest for {@code FLOAT}). */
    void upload(double[] src, DeviceArray dst);

    /** Copies indices into an {@code INT} array. */
    void upload(int[] src, DeviceArray dst);

    /** The values of a floating-point array in row-major order, as floats (rounded from {@code DOUBLE}). */
    float[] toFloatArray(DeviceArray src);

    /** The values of a floating-point array in row-major order, as doubles (exact). */
    double[] toDoubleArray(DeviceArray src);

    /** The values of an {@code INT} array in row-major order. */
    int[] toIntArray(DeviceArray src);

    /** {@code dst = src} elementwise; same shape and type; either may be a column block. */
    void copy(DeviceArray src, DeviceArray dst);

    /** Sets every element of {@code dst} to {@code value} (rounded to its type); column blocks allowed. */
    void fill(DeviceArray dst, double value);

    // ---- products ------------------------------------------------------------------------------

    /**
     * {@code c = alpha · op(a) · op(b) + beta · c} for matrices, {@code op(m)} being {@code mᵀ}
     * when the flag is set. Any of the three may be a column block (a gradient is written straight
     * into a block of a weight's gradient). With {@code beta == 0} the old contents of {@code c}
     * are not read (they may be NaN). {@code c} must not overlap {@code a} or {@code b}.
     */
    void gemm(DeviceArray a, DeviceArray b, DeviceArray c, boolean transA, boolean transB, double alpha,
              double beta);

    /**
     * Batched product of rank-3 arrays {@code [n, ·, ·]}: {@code c[i] = op(a[i]) · op(b[i])} for
     * every i (the same n for all three, no broadcasting).
     */
    void batchedGemm(DeviceArray a, DeviceArray b, DeviceArray c, boolean transA, boolean transB);

    /** {@code y = y + alpha · x} (BLAS axpy) over arrays of the same shape. */
    void axpy(double alpha, DeviceArray x, DeviceArray y);

    // ---- elementwise ---------------------------------------------------------------------------

    /**
     * {@code out = x (op) y} elementwise, {@code y} broadcast to the shape of {@code x}: the same
     * rank, each dimension of {@code y} equal to that of {@code x} or 1 (a {@code [1, C]} row over
     * {@code [R, C]}, a {@code [R, 1]} column, a {@code [B, 1, N]} slab over {@code [B, N, N]}).
     * {@code out} has the shape of {@code x}; in place allowed ({@code out} may be {@code x} or
     * {@code y}). Two-dimensional operands may be column blocks.
     */
    void binary(BinaryOp op, DeviceArray x, DeviceArray y, DeviceArray out);

    /** {@code out = x (op) s}, {@code s} first rounded to the array type; in place allowed; column blocks allowed. */
    void scalar(ScalarOp op, DeviceArray x, double s, DeviceArray out);

    /** {@code out = f(x)}; in place allowed. */
    void unary(UnaryOp op, DeviceArray x, DeviceArray out);

    // ---- reductions ----------------------------------------------------------------------------

    /** {@code out[0, c] = Σ_r x[r, c]} for {@code x [R, C]}, {@code out [1, C]}. */
    void sumColumns(DeviceArray x, DeviceArray out);

    /** {@code out[r, 0] = Σ_c x[r, c]} for {@code x [R, C]}, {@code out [R, 1]}. */
    void sumRows(DeviceArray x, DeviceArray out);

    /**
     * Sums {@code x} over the given axes (ascending, distinct); {@code out} holds the remaining
     * dimensions in order (any shape of that length, e.g. {@code [1, H]} for {@code x [B, H, P]}
     * summed over {@code {0, 2}}).
     */
    void sum(DeviceArray x, int[] axes, DeviceArray out);

    /** The sum of all elements, in double precision on the host. */
    double sum(DeviceArray x);

    // ---- network operations --------------------------------------------------------------------

    /** Softmax along the last axis: {@code out[…, j] = exp(x[…, j] − m) / Σ_i exp(x[…, i] − m)}; in place allowed. */
    void softmax(DeviceArray x, DeviceArray out);

    /** Log-softmax along the last axis: {@code out[…, j] = x[…, j] − m − log Σ_i exp(x[…, i] − m)}. */
    void logSoftmax(DeviceArray x, DeviceArray out);

    /**
     * Batch-norm normalisation of {@code x [R, C]} with per-channel {@code [1, C]} statistics and
     * affine: {@code out[r, c] = (x[r, c] − mean[c]) / √(var[c] + eps) · gamma[c] + beta[c]}; in
     * place allowed.
     */
    void batchNorm(DeviceArray x, DeviceArray mean, DeviceArray var, DeviceArray gamma, DeviceArray beta,
                   double eps, DeviceArray out);

    /**
     * Max pooling over groups of {@code k} consecutive rows: {@code x [G·k, C]},
     * {@code out[g, c] = max_j x[g·k + j, c]}, {@code out [G, C]}.
     */
    void maxOverGroups(DeviceArray x, long k, DeviceArray out);

    /**
     * Backward of {@link #maxOverGroups}: {@code dx[g·k + j, c] = dOut[g, c]} for the first j
     * (lowest row) at which {@code x[g·k + j, c]} equals the group's maximum, 0 for every other
     * row; {@code dx} has the shape of {@code x} and is overwritten.
     */
    void maxOverGroupsBackward(DeviceArray x, DeviceArray dOut, long k, DeviceArray dx);

    /** Mean over groups of {@code k} consecutive rows: {@code out[g, c] = (Σ_j x[g·k + j, c]) / k}. */
    void meanOverGroups(DeviceArray x, long k, DeviceArray out);

    /** {@code x[g·k + j, c] += perGroup[g, c]} for every j, in place ({@code x [G·k, C]}, {@code perGroup [G, C]}). */
    void addToGroups(DeviceArray x, DeviceArray perGroup, long k);

    /**
     * Row gather: {@code out[i, :] = table[idx[i], :]} for {@code table [T, C]}, {@code idx} an
     * {@code INT} vector {@code [M]} with values in {@code [0, T)} (the caller checks them),
     * {@code out [M, C]}.
     */
    void gatherRows(DeviceArray table, DeviceArray idx, DeviceArray out);

    /**
     * The backward of {@link #gatherRows}: {@code out[n, :] = Σ_{i : idx[i] = n} src[i, :]} for
     * every row n of {@code out} (0 for rows no index names); {@code src [M, C]}, {@code idx [M]}
     * in {@code [0, rows of out)}. {@code out} is overwritten. Deterministic (the order of the sum
     * is fixed by the backend and the thread count).
     */
    void scatterAddRows(DeviceArray src, DeviceArray idx, DeviceArray out);

    /**
     * {@code out = x} with its axes permuted: dimension i of {@code out} is dimension
     * {@code axes[i]} of {@code x} (e.g. {@code [0, 2, 1, 3]} moves heads in front of points).
     */
    void permute(DeviceArray x, int[] axes, DeviceArray out);

    // ---- randomness ----------------------------------------------------------------------------

    /** A new generator seeded with {@code seed}; the caller closes it. */
    DeviceRandom random(long seed);

    /**
     * Fills {@code out} with independent draws, 1 with probability {@code p} and 0 otherwise,
     * from {@code rng}'s stream (advancing it).
     */
    void bernoulli(DeviceRandom rng, double p, DeviceArray out);
}
