package org.pointea.models.cuda;

/**
 * The grid and block of one kernel launch, chosen for the kernel's access pattern and the device's
 * multiprocessor count. Every kernel walks its range with a grid-stride loop, so the grid is capped
 * (a few waves of blocks per multiprocessor) instead of growing with the data, and any geometry
 * here covers every element; an empty range gives {@link #isEmpty()} and is not launched.
 *
 * <pre>{@code
 * LaunchGeometry g = LaunchGeometry.elementwise(rows * cols, device.multiprocessors());
 * LaunchGeometry r = LaunchGeometry.warpPerRow(rows, device.multiprocessors());   // softmax
 * LaunchGeometry c = LaunchGeometry.columnChunks(rows, cols, device.multiprocessors());
 * }</pre>
 *
 * @param gridX   blocks along x (0: nothing to launch)
 * @param gridY   blocks along y
 * @param blockX  threads per block along x
 * @param blockY  threads per block along y
 * @param rowsPerChunk for column reductions, the rows each block row sums (0 otherwise)
 */
public record LaunchGeometry(int gridX, int gridY, int blockX, int blockY, long rowsPerChunk) {
    /** Threads per block of the elementwise kernels. */
    public static final int THREADS = 256;
    /** Warps per block of the row kernels (one warp per row). */
    public static final int WARPS_PER_BLOCK = 8;
    /** Blocks per multiprocessor at most, for the grid-stride kernels. */
    public static final int BLOCKS_PER_SM = 16;
    /** CUDA's limit on gridDim.y. */
    public static final int MAX_GRID_Y = 65_535;
    /** Fewest rows one block of a column reduction sums (below this, launch overhead dominates). */
    public static final long MIN_ROWS_PER_CHUNK = 256;

    /** Validates. */
    public LaunchGeometry {
        if (gridX < 0 || gridY < 0 || blockX < 1 || blockY < 1 || (long) blockX * blockY > 1024
                || gridY > MAX_GRID_Y || rowsPerChunk < 0) {
            throw new IllegalArgumentException("invalid launch geometry: grid " + gridX + "x" + gridY + ", block "
                    + blockX + "x" + blockY);
        }
    }

    /** True when there is nothing to launch. */
    public boolean isEmpty() {
        return gridX == 0 || gridY == 0;
    }

    /** Threads per block. */
    public int threadsPerBlock() {
        return blockX * blockY;
    }

    /** One thread per element: {@code 256} threads per block, at most 16 blocks per multiprocessor. */
    public static LaunchGeometry elementwise(long n, int multiprocessors) {
        requireNonNegative(n, "n");
        return new LaunchGeometry(cappedBlocks(n, THREADS, multiprocessors), 1, THREADS, 1, 0);
    }

    /** One warp per row: blocks of 32 x 8 threads ({@code rows.cu}). */
    public static LaunchGeometry warpPerRow(long rows, int multiprocessors) {
        requireNonNegative(rows, "rows");
        return new LaunchGeometry(cappedBlocks(rows, WARPS_PER_BLOCK, multiprocessors), 1, 32, WARPS_PER_BLOCK, 0);
    }

    /**
     * A two-stage column reduction ({@code reduce.cu}): {@code gridX} tiles of 32 columns times
     * {@code gridY} chunks of {@code rowsPerChunk} rows, blocks of 32 x 8 threads; the partial sums
     * take {@code gridY * cols} floats. Chunks are added so that about {@code 4 x multiprocessors}
     * blocks run, each over at least {@value #MIN_ROWS_PER_CHUNK} rows.
     */
    public static LaunchGeometry columnChunks(long rows, long cols, int multiprocessors) {
        requireNonNegative(rows, "rows");
        requireNonNegative(cols, "cols");
        requirePositive(multiprocessors);
        if (rows == 0 || cols == 0) {
            return new LaunchGeometry(0, 1, 32, WARPS_PER_BLOCK, 0);
        }
        long tiles = ceilDiv(cols, 32);
        if (tiles > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many columns: " + cols);
        }
        long wanted = Math.max(1, ceilDiv(4L * multiprocessors, tiles));
        long byRows = Math.max(1, rows / MIN_ROWS_PER_CHUNK);
        long chunks = Math.min(Math.min(wanted, byRows), MAX_GRID_Y);
        long perChunk = ceilDiv(rows, chunks);
        chunks = ceilDiv(rows, perChunk);
        return new LaunchGeometry((int) tiles, (int) chunks, 32, WARPS_PER_BLOCK, perChunk);
    }

    private static int cappedBlocks(long work, int perBlock, int multiprocessors) {
        requirePositive(multiprocessors);
        long blocks = ceilDiv(work, perBlock);
        return (int) Math.min(blocks, (long) multiprocessors * BLOCKS_PER_SM);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static void requireNonNegative(long v, String what) {
        if (v < 0) {
            throw new IllegalArgumentException(what + " must be >= 0, got " + v);
        }
    }

    private static void requirePositive(int multiprocessors) {
        if (multiprocessors < 1) {
            throw new IllegalArgumentException("multiprocessors must be >= 1, got " + multiprocessors);
        }
    }
}
