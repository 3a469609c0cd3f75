package org.pointea.pointcloud.scene;

import java.nio.FloatBuffer;
import java.util.Objects;
import org.pointea.pointcloud.Points;

/**
 * Points binned into square cells of the xy plane (vertical columns), by a counting sort: the
 * spatial index of scene blocks and tiles.
 *
 * <p>Cells are numbered x-major ({@code cell = cx * cellsY() + cy}) from the smallest finite x and
 * y of the points, so the points of one x stripe ({@code cx} fixed) are one contiguous range of
 * {@link #order()}; that is what lets {@link TiledSegmentation} hold votes for a band of stripes
 * only. Points with a NaN or infinite coordinate are in no cell ({@link #skipped()}). Building
 * costs two passes over the points and {@code 4 (N + cells)} bytes.
 *
 * <pre>{@code
 * ColumnGrid grid = ColumnGrid.build(xyz, n, 0.5f);
 * int[] idx = new int[grid.count(2, 3, 4, 5)];
 * grid.gather(2, 3, 4, 5, idx, 0);   // points of the 1 m x 1 m column at cells [2,4) x [3,5)
 * }</pre>
 */
public final class ColumnGrid {
    /** The most cells a grid may have (a scan with far outliers and tiny cells is refused). */
    public static final long MAX_CELLS = 1L << 27;

    private final float cellSize;
    private final float originX;
    private final float originY;
    private final int cellsX;
    private final int cellsY;
    private final int[] cellStart;
    private final int[] order;
    private final int skipped;

    private ColumnGrid(float cellSize, float originX, float originY, int cellsX, int cellsY, int[] cellStart,
            int[] order, int skipped) {
        this.cellSize = cellSize;
        this.originX = originX;
        this.originY = originY;
        this.cellsX = cellsX;
        this.cellsY = cellsY;
        this.cellStart = cellStart;
        this.order = order;
        this.skipped = skipped;
    }

    /**
     * Bins the points into cells of {@code cellSize}.
     *
     * @param xyz packed positions
     * @param n number of points
     * @param cellSize the side of a cell, in the positions' unit, positive and finite
     * @return the grid
     * @throws IllegalArgumentException when the grid would have more than {@link #MAX_CELLS} cells
     */
    public static ColumnGrid build(float[] xyz, int n, float cellSize) {
        Objects.requireNonNull(xyz, "xyz");
        Points.checkCapacity(xyz.length, 3L * n, "xyz");
        return build(FloatBuffer.wrap(xyz), n, cellSize);
    }

    /**
     * Bins the points of a buffer (e.g. {@link org.pointea.pointcloud.PointCloud#positionsBuffer()},
     * which does not copy) into cells of {@code cellSize}.
     *
     * @param xyz packed positions from index 0
     * @param n number of points
     * @param cellSize the side of a cell, positive and finite
     * @return the grid
     * @throws IllegalArgumentException when the grid would have more than {@link #MAX_CELLS} cells
     */
    public static ColumnGrid build(FloatBuffer xyz, int n, float cellSize) {
        Objects.requireNonNull(xyz, "xyz");
        Points.checkNonNegative(n, "n");
        Points.checkCapacity(xyz.limit(), 3L * n, "xyz");
        if (!(cellSize > 0) || !Float.isFinite(cellSize)) {
            throw new IllegalArgumentException("cellSize must be positive and finite, got " + cellSize);
        }
        float minX = Float.POSITIVE_INFINITY;
        float minY = Float.POSITIVE_INFINITY;
        float maxX = Float.NEGATIVE_INFINITY;
        float maxY = Float.NEGATIVE_INFINITY;
        int finite = 0;
        for (int i = 0; i < n; i++) {
            float x = xyz.get(3 * i);
            float y = xyz.get(3 * i + 1);
            float z = xyz.get(3 * i + 2);
            if (Float.isFinite(x) && Float.isFinite(y) && Float.isFinite(z)) {
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, y);
                finite++;
            }
        }
        if (finite == 0) {
            return new ColumnGrid(cellSize, 0f, 0f, 1, 1, new int[] {0, 0}, new int[0], n);
        }
        long cx = (long) Math.floor(((double) maxX - minX) / cellSize) + 1;
        long cy = (long) Math.floor(((double) maxY - minY) / cellSize) + 1;
        if (cx * cy > MAX_CELLS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "the points span %.1f x %.1f, %d x %d cells of %s: more than %d; far outliers? remove them or "
                            + "use larger cells", (double) maxX - minX, (double) maxY - minY, cx, cy, cellSize,
                    MAX_CELLS));
        }
        int nx = (int) cx;
        int ny = (int) cy;
        int[] start = new int[nx * ny + 1];
        int[] cellOf = new int[n];
        for (int i = 0; i < n; i++) {
            int c = cell(xyz, i, minX, minY, cellSize, nx, ny);
            cellOf[i] = c;
            if (c >= 0) {
                start[c + 1]++;
            }
        }
        for (int c = 0; c < nx * ny; c++) {
            start[c + 1] += start[c];
        }
        int[] fill = java.util.Arrays.copyOf(start, nx * ny);
        int[] order = new int[finite];
        for (int i = 0; i < n; i++) {
            int c = cellOf[i];
            if (c >= 0) {
                order[fill[c]++] = i;
            }
        }
        return new ColumnGrid(cellSize, minX, minY, nx, ny, start, order, n - finite);
    }

    private static int cell(FloatBuffer xyz, int i, float minX, float minY, float size, int nx, int ny) {
        float x = xyz.get(3 * i);
        float y = xyz.get(3 * i + 1);
        float z = xyz.get(3 * i + 2);
        if (!(Float.isFinite(x) && Float.isFinite(y) && Float.isFinite(z))) {
            return -1;
        }
        int cx = Math.min(nx - 1, (int) ((x - minX) / size));
        int cy = Math.min(ny - 1, (int) ((y - minY) / size));
        return cx * ny + cy;
    }

    /** Returns the side of a cell. */
    public float cellSize() {
        return cellSize;
    }

    /** Returns the x of the cells' lower edge (the smallest finite x). */
    public float originX() {
        return originX;
    }

    /** Returns the y of the cells' lower edge (the smallest finite y). */
    public float originY() {
        return originY;
    }

    /** Returns the number of cells along x. */
    public int cellsX() {
        return cellsX;
    }

    /** Returns the number of cells along y. */
    public int cellsY() {
        return cellsY;
    }

    /** Returns the number of points in cells (the finite ones). */
    public int size() {
        return order.length;
    }

    /** Returns the number of points left out for a non-finite coordinate. */
    public int skipped() {
        return skipped;
    }

    /**
     * Returns the point indices sorted by cell (x-major, then y; input order within a cell). The
     * array is the grid's own: do not change it.
     */
    public int[] order() {
        return order;
    }

    /**
     * Returns the first position in {@link #order()} of a cell's points; cells past the last one
     * give {@link #size()}.
     *
     * @param cx cell column in {@code [0, cellsX()]}
     * @param cy cell row in {@code [0, cellsY())}, or 0 with {@code cx == cellsX()}
     * @return the position
     */
    public int start(int cx, int cy) {
        return cellStart[cx * cellsY + cy];
    }

    /**
     * Returns the range of {@link #order()} holding the points of the x stripes {@code [cx0, cx1)}.
     *
     * @param cx0 first stripe, inclusive
     * @param cx1 last stripe, exclusive
     * @return {@code {from, to}}
     */
    public int[] stripeRange(int cx0, int cx1) {
        Objects.checkFromToIndex(cx0, cx1, cellsX);
        return new int[] {cellStart[cx0 * cellsY], cellStart[cx1 * cellsY]};
    }

    /**
     * Counts the points in the cells {@code [cx0, cx1) x [cy0, cy1)} (clipped to the grid).
     *
     * @param cx0 first cell column, inclusive
     * @param cy0 first cell row, inclusive
     * @param cx1 last cell column, exclusive
     * @param cy1 last cell row, exclusive
     * @return the count
     */
    public int count(int cx0, int cy0, int cx1, int cy1) {
        int a0 = Math.max(0, cx0);
        int a1 = Math.min(cellsX, cx1);
        int b0 = Math.max(0, cy0);
        int b1 = Math.min(cellsY, cy1);
        int total = 0;
        for (int a = a0; a < a1 && b0 < b1; a++) {
            total += cellStart[a * cellsY + b1] - cellStart[a * cellsY + b0];
        }
        return total;
    }

    /**
     * Copies the indices of the points in the cells {@code [cx0, cx1) x [cy0, cy1)} (clipped to the
     * grid) into a caller-owned buffer, stripe by stripe in {@link #order()} order.
     *
     * @param cx0 first cell column, inclusive
     * @param cy0 first cell row, inclusive
     * @param cx1 last cell column, exclusive
     * @param cy1 last cell row, exclusive
     * @param out destination, with room for {@link #count} indices from {@code offset}
     * @param offset first slot written
     * @return the number of indices written
     */
    public int gather(int cx0, int cy0, int cx1, int cy1, int[] out, int offset) {
        int a0 = Math.max(0, cx0);
        int a1 = Math.min(cellsX, cx1);
        int b0 = Math.max(0, cy0);
        int b1 = Math.min(cellsY, cy1);
        int w = offset;
        for (int a = a0; a < a1 && b0 < b1; a++) {
            int from = cellStart[a * cellsY + b0];
            int len = cellStart[a * cellsY + b1] - from;
            System.arraycopy(order, from, out, w, len);
            w += len;
        }
        return w - offset;
    }

    /**
     * Copies the positions in {@link #order()} (not point indices) of the points in the cells
     * {@code [cx0, cx1) x [cy0, cy1)}, as {@link #gather} does for indices.
     *
     * @param cx0 first cell column, inclusive
     * @param cy0 first cell row, inclusive
     * @param cx1 last cell column, exclusive
     * @param cy1 last cell row, exclusive
     * @param out destination
     * @param offset first slot written
     * @return the number of positions written
     */
    public int gatherSlots(int cx0, int cy0, int cx1, int cy1, int[] out, int offset) {
        int a0 = Math.max(0, cx0);
        int a1 = Math.min(cellsX, cx1);
        int b0 = Math.max(0, cy0);
        int b1 = Math.min(cellsY, cy1);
        int w = offset;
        for (int a = a0; a < a1 && b0 < b1; a++) {
            int from = cellStart[a * cellsY + b0];
            int to = cellStart[a * cellsY + b1];
            for (int s = from; s < to; s++) {
                out[w++] = s;
            }
        }
        return w - offset;
    }

    /**
     * Returns the cell column of an x coordinate, clamped to the grid.
     *
     * @param x the coordinate
     * @return the column in {@code [0, cellsX())}
     */
    public int cellX(float x) {
        return clamp((int) Math.floor((x - originX) / cellSize), cellsX);
    }

    /**
     * Returns the cell row of a y coordinate, clamped to the grid.
     *
     * @param y the coordinate
     * @return the row in {@code [0, cellsY())}
     */
    public int cellY(float y) {
        return clamp((int) Math.floor((y - originY) / cellSize), cellsY);
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : Math.min(v, n - 1);
    }

    @Override
    public String toString() {
        return "ColumnGrid(" + cellsX + " x " + cellsY + " cells of " + cellSize + ", " + order.length + " points"
                + (skipped > 0 ? ", " + skipped + " non-finite skipped" : "") + ")";
    }
}
