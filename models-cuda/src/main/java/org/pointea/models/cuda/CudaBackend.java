package org.pointea.models.cuda;

import java.util.Arrays;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BinaryOp;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.DeviceRandom;
import org.pointea.models.backend.ScalarOp;
import org.pointea.models.backend.UnaryOp;

/**
 * The {@link Backend} on one NVIDIA GPU: matrix products on cuBLAS (float32 by default, TF32 with
 * {@code -Dpointea.cuda.gemm=tf32}), every other operation a kernel of {@code src/main/cuda}, all
 * queued in program order on the device's one stream; memory from a caching pool. Transfers to
 * the Java heap ({@code to*Array}, {@link #sum(DeviceArray)}) wait for the stream; uploads wait
 * for their copy. Results are deterministic: every reduction adds in a fixed order (no atomics on
 * floating-point values), so the same inputs give the same bits on the same GPU.
 *
 * <p>Obtained through {@code Backends.get("cuda:N")} ({@link CudaBackendProvider}). Operations
 * are serialised on this object, so it may be shared between threads.
 */
public final class CudaBackend implements Backend, AutoCloseable {
    /** Blocks of the total-sum kernel at most (a function of the length only: same bits on any GPU). */
    static final int SUM_BLOCKS = 1024;

    private final CudaDevice dev;
    private final int sms;

    CudaBackend(CudaDevice dev) {
        this.dev = dev;
        this.sms = dev.multiprocessors();
    }

    /** The device behind this backend. */
    public CudaDevice device() {
        return dev;
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String describe() {
        return "pointea CUDA backend: " + dev.info().describe();
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public void setThreads(int threads) {
        // one stream: nothing to set
    }

    // ---- memory and transfers ------------------------------------------------------------------

    @Override
    public synchronized DeviceArray allocate(DType type, long... shape) {
        long[] s = CudaArray.checkShape(shape);
        long bytes = CudaArray.lengthOf(s) * type.width();
        return CudaArray.owned(this, type, s, dev.pool().acquire(bytes));
    }

    @Override
    public synchronized DeviceArray zeros(DType type, long... shape) {
        CudaArray a = (CudaArray) allocate(type, shape);
        dev.zero(a.address(), a.length() * type.width());
        return a;
    }

    synchronized void release(long address) {
        dev.pool().release(address);
    }

    @Override
    public synchronized void upload(float[] src, DeviceArray dst) {
        CudaArray d = floating(dst, "dst");
        requireLength(src.length, d);
        Matrix m = Matrix.of(d);
        if (d.dtype() == DType.FLOAT) {
            dev.upload(h -> h.limit(src.length * 4L).asByteBuffer().order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer()
                    .put(src),
                    m.rows, m.cols * 4, d.address(), m.ld * 4);
        } else {
            dev.upload(h -> {
                java.nio.DoubleBuffer b = h.limit(src.length * 8L).asByteBuffer().order(java.nio.ByteOrder.nativeOrder())
                        .asDoubleBuffer();
                for (float v : src) {
                    b.put(v);
                }
            }, m.rows, m.cols * 8, d.address(), m.ld * 8);
        }
    }

    @Override
    public synchronized void upload(double[] src, DeviceArray dst) {
        CudaArray d = floating(dst, "dst");
        requireLength(src.length, d);
        Matrix m = Matrix.of(d);
        if (d.dtype() == DType.DOUBLE) {
            dev.upload(h -> h.limit(src.length * 8L).asByteBuffer().order(java.nio.ByteOrder.nativeOrder())
                    .asDoubleBuffer().put(src), m.rows, m.cols * 8, d.address(), m.ld * 8);
        } else {
            dev.upload(h -> {
                java.nio.FloatBuffer b = h.limit(src.length * 4L).asByteBuffer().order(java.nio.ByteOrder.nativeOrder())
                        .asFloatBuffer();
                for (double v : src) {
                    b.put((float) v);
                }
            }, m.rows, m.cols * 4, d.address(), m.ld * 4);
        }
    }

    @Override
    public synchronized void upload(int[] src, DeviceArray dst) {
        CudaArray d = cuda(dst, "dst");
        requireType(d, DType.INT, "dst");
        requireLength(src.length, d);
        Matrix m = Matrix.of(d);
        dev.upload(h -> h.limit(src.length * 4L).asByteBuffer().order(java.nio.ByteOrder.nativeOrder()).asIntBuffer()
                .put(src), m.rows, m.cols * 4, d.address(), m.ld * 4);
    }

    @Override
    public synchronized float[] toFloatArray(DeviceArray src) {
        CudaArray s = floating(src, "src");
        float[] out = new float[Math.toIntExact(s.length())];
        Matrix m = Matrix.of(s);
        int w = s.dtype().width();
        dev.download(s.address(), m.ld * w, m.rows, m.cols * w, h -> {
            java.nio.ByteBuffer bb = h.limit(out.length * (long) w).asByteBuffer().order(java.nio.ByteOrder.nativeOrder());
            if (w == 4) {
                bb.asFloatBuffer().get(out);
            } else {
                java.nio.DoubleBuffer db = bb.asDoubleBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) db.get(i);
                }
            }
        });
        return out;
    }

    @Override
    public synchronized double[] toDoubleArray(DeviceArray src) {
        CudaArray s = floating(src, "src");
        double[] out = new double[Math.toIntExact(s.length())];
        Matrix m = Matrix.of(s);
        int w = s.dtype().width();
        dev.download(s.address(), m.ld * w, m.rows, m.cols * w, h -> {
            java.nio.ByteBuffer bb = h.limit(out.length * (long) w).asByteBuffer().order(java.nio.ByteOrder.nativeOrder());
            if (w == 8) {
                bb.asDoubleBuffer().get(out);
            } else {
                java.nio.FloatBuffer fb = bb.asFloatBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = fb.get(i);
                }
            }
        });
        return out;
    }

    @Override
    public synchronized int[] toIntArray(DeviceArray src) {
        CudaArray s = cuda(src, "src");
        requireType(s, DType.INT, "src");
        int[] out = new int[Math.toIntExact(s.length())];
        Matrix m = Matrix.of(s);
        dev.download(s.address(), m.ld * 4, m.rows, m.cols * 4, h -> h.limit(out.length * 4L).asByteBuffer()
                .order(java.nio.ByteOrder.nativeOrder()).asIntBuffer().get(out));
        return out;
    }

    @Override
    public synchronized void copy(DeviceArray src, DeviceArray dst) {
        CudaArray s = cuda(src, "src");
        CudaArray d = cuda(dst, "dst");
        requireType(d, s.dtype(), "dst");
        requireSameShape(s, d, "dst");
        Matrix a = Matrix.of(s);
        Matrix b = Matrix.of(d);
        int w = s.dtype().width();
        if (a.rows * a.cols > 0) {
            dev.copy(s.address(), a.ld * w, d.address(), b.ld * w, a.rows, a.cols * w);
        }
    }

    @Override
    public synchronized void fill(DeviceArray dst, double value) {
        CudaArray d = cuda(dst, "dst");
        if (d.dtype() == DType.INT) {
            int[] v = new int[Math.toIntExact(d.length())];
            Arrays.fill(v, (int) Math.rint(value));
            upload(v, d);
            return;
        }
        Matrix m = Matrix.of(d);
        dev.launch(Kernel.FILL_2D, d.dtype(), LaunchGeometry.elementwise(m.rows * m.cols, sms), d.address(), m.ld,
                m.rows, m.cols, value);
    }

    // ---- products ------------------------------------------------------------------------------

    @Override
    public synchronized void gemm(DeviceArray a, DeviceArray b, DeviceArray c, boolean transA, boolean transB,
                                  double alpha, double beta) {
        CudaArray x = floating(a, "a");
        CudaArray y = floating(b, "b");
        CudaArray z = floating(c, "c");
        requireRank(x, 2, "a");
        requireRank(y, 2, "b");
        requireRank(z, 2, "c");
        requireType(y, x.dtype(), "b");
        requireType(z, x.dtype(), "c");
        long m = transA ? x.size(1) : x.size(0);
        long k = transA ? x.size(0) : x.size(1);
        long kb = transB ? y.size(1) : y.size(0);
        long n = transB ? y.size(0) : y.size(1);
        if (k != kb || z.size(0) != m || z.size(1) != n) {
            throw new IllegalArgumentException("gemm shapes " + Arrays.toString(x.shapeRef()) + (transA ? "ᵀ" : "") + " x "
                    + Arrays.toString(y.shapeRef()) + (transB ? "ᵀ" : "") + " -> " + Arrays.toString(z.shapeRef()));
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            scalar(ScalarOp.MULTIPLY, z, beta, z);
            return;
        }
        dev.gemm(x.dtype(), transA, transB, m, n, k, alpha, x.address(), x.rowStride(), y.address(), y.rowStride(), beta,
                z.address(), z.rowStride());
    }

    @Override
    public synchronized void batchedGemm(DeviceArray a, DeviceArray b, DeviceArray c, boolean transA,
                                         boolean transB) {
        CudaArray x = contiguous(floating(a, "a"), "a");
        CudaArray y = contiguous(floating(b, "b"), "b");
        CudaArray z = contiguous(floating(c, "c"), "c");
        requireRank(x, 3, "a");
        requireRank(y, 3, "b");
        requireRank(z, 3, "c");
        requireType(y, x.dtype(), "b");
        requireType(z, x.dtype(), "c");
        long batch = x.size(0);
        long m = transA ? x.size(2) : x.size(1);
        long k = transA ? x.size(1) : x.size(2);
        long kb = transB ? y.size(2) : y.size(1);
        long n = transB ? y.size(1) : y.size(2);
        if (y.size(0) != batch || z.size(0) != batch || k != kb || z.size(1) != m || z.size(2) != n) {
            throw new IllegalArgumentException("batchedGemm shapes " + Arrays.toString(x.shapeRef()) + " x "
                    + Arrays.toString(y.shapeRef()) + " -> " + Arrays.toString(z.shapeRef()));
        }
        if (batch == 0 || m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            fill(z, 0);
            return;
        }
        dev.batchedGemm(x.dtype(), transA, transB, m, n, k, x.address(), y.address(), z.address(), batch);
    }

    @Override
    public synchronized void axpy(double alpha, DeviceArray x, DeviceArray y) {
        CudaArray s = contiguous(floating(x, "x"), "x");
        CudaArray d = contiguous(floating(y, "y"), "y");
        requireType(d, s.dtype(), "y");
        requireSameShape(s, d, "y");
        dev.launch(Kernel.AXPY, s.dtype(), LaunchGeometry.elementwise(s.length(), sms), alpha, s.address(),
                d.address(), s.length());
    }

    // ---- elementwise ---------------------------------------------------------------------------

    @Override
    public synchronized void binary(BinaryOp op, DeviceArray x, DeviceArray y, DeviceArray out) {
        CudaArray a = floating(x, "x");
        CudaArray b = floating(y, "y");
        CudaArray o = floating(out, "out");
        requireType(b, a.dtype(), "y");
        requireType(o, a.dtype(), "out");
        requireSameShape(a, o, "out");
        long[] xs = a.shapeRef();
        long[] ys = b.shapeRef();
        if (ys.length != xs.length) {
            throw new IllegalArgumentException("y " + Arrays.toString(ys) + " must have the rank of x "
                    + Arrays.toString(xs));
        }
        for (int i = 0; i < xs.length; i++) {
            if (ys[i] != xs[i] && ys[i] != 1) {
                throw new IllegalArgumentException("y " + Arrays.toString(ys) + " does not broadcast to x "
                        + Arrays.toString(xs));
            }
        }
        long n = a.length();
        if (a.isContiguous() && b.isContiguous() && o.isContiguous() && Arrays.equals(xs, ys)) {
            dev.launch(Kernel.BINARY, a.dtype(), LaunchGeometry.elementwise(n, sms), op.ordinal(), a.address(),
                    b.address(), o.address(), n);
            return;
        }
        long[] yStrides = strides(b);
        for (int i = 0; i < ys.length; i++) {
            if (ys[i] == 1) {
                yStrides[i] = 0;
            }
        }
        Dims d = Dims.broadcast(xs, strides(a), yStrides, strides(o));
        dev.launch(Kernel.BINARY_BCAST, a.dtype(), LaunchGeometry.elementwise(n, sms), op.ordinal(), a.address(),
                b.address(), o.address(), d, n);
    }

    @Override
    public synchronized void scalar(ScalarOp op, DeviceArray x, double s, DeviceArray out) {
        CudaArray a = floating(x, "x");
        CudaArray o = floating(out, "out");
        requireType(o, a.dtype(), "out");
        requireSameShape(a, o, "out");
        Matrix mx = Matrix.of(a);
        Matrix mo = Matrix.of(o);
        double v = a.dtype() == DType.FLOAT ? (double) (float) s : s;
        dev.launch(Kernel.SCALAR_2D, a.dtype(), LaunchGeometry.elementwise(mx.rows * mx.cols, sms), op.ordinal(),
                a.address(), mx.ld, v, o.address(), mo.ld, mx.rows, mx.cols);
    }

    @Override
    public synchronized void unary(UnaryOp op, DeviceArray x, DeviceArray out) {
        CudaArray a = contiguous(floating(x, "x"), "x");
        CudaArray o = contiguous(floating(out, "out"), "out");
        requireType(o, a.dtype(), "out");
        requireSameShape(a, o, "out");
        dev.launch(Kernel.UNARY, a.dtype(), LaunchGeometry.elementwise(a.length(), sms), op.ordinal(), a.address(),
                o.address(), a.length());
    }

    // ---- reductions ----------------------------------------------------------------------------

    @Override
    public synchronized void sumColumns(DeviceArray x, DeviceArray out) {
        CudaArray a = floating(x, "x");
        CudaArray o = contiguous(floating(out, "out"), "out");
        requireRank(a, 2, "x");
        requireType(o, a.dtype(), "out");
        long rows = a.size(0);
        long cols = a.size(1);
        if (o.length() != cols) {
            throw new IllegalArgumentException("out " + Arrays.toString(o.shapeRef()) + " must hold " + cols + " sums");
        }
        if (rows == 0) {
            fill(o, 0);
            return;
        }
        LaunchGeometry g = LaunchGeometry.columnChunks(rows, cols, sms);
        if (g.gridY() == 1) {
            dev.launch(Kernel.COLUMN_PARTIAL, a.dtype(), g, a.address(), a.rowStride(), rows, cols, g.rowsPerChunk(),
                    o.address());
            return;
        }
        long partial = dev.pool().acquire((long) g.gridY() * cols * a.dtype().width());
        dev.launch(Kernel.COLUMN_PARTIAL, a.dtype(), g, a.address(), a.rowStride(), rows, cols, g.rowsPerChunk(),
                partial);
        dev.launch(Kernel.COLUMN_FINISH, a.dtype(), LaunchGeometry.elementwise(cols, sms), partial, (long) g.gridY(),
                cols, o.address());
        dev.pool().release(partial); // stream order: the next user of the block runs after COLUMN_FINISH
    }

    @Override
    public synchronized void sumRows(DeviceArray x, DeviceArray out) {
        CudaArray a = floating(x, "x");
        CudaArray o = contiguous(floating(out, "out"), "out");
        requireRank(a, 2, "x");
        requireType(o, a.dtype(), "out");
        if (o.length() != a.size(0)) {
            throw new IllegalArgumentException("out " + Arrays.toString(o.shapeRef()) + " must hold " + a.size(0)
                    + " sums");
        }
        dev.launch(Kernel.ROW_SUMS, a.dtype(), LaunchGeometry.warpPerRow(a.size(0), sms), a.address(), a.rowStride(),
                o.address(), a.size(0), a.size(1));
    }

    @Override
    public synchronized void sum(DeviceArray x, int[] axes, DeviceArray out) {
        CudaArray a = contiguous(floating(x, "x"), "x");
        CudaArray o = contiguous(floating(out, "out"), "out");
        requireType(o, a.dtype(), "out");
        long[] shape = a.shapeRef();
        long[] st = strides(a);
        boolean[] reduced = new boolean[shape.length];
        int last = -1;
        for (int ax : axes) {
            if (ax <= last || ax >= shape.length) {
                throw new IllegalArgumentException("axes " + Arrays.toString(axes) + " must be ascending, distinct and "
                        + "below " + shape.length);
            }
            reduced[ax] = true;
            last = ax;
        }
        int kept = shape.length - axes.length;
        long[] keptShape = new long[kept];
        long[] keptStrides = new long[kept];
        long[] redShape = new long[axes.length];
        long[] redStrides = new long[axes.length];
        for (int i = 0, k = 0, r = 0; i < shape.length; i++) {
            if (reduced[i]) {
                redShape[r] = shape[i];
                redStrides[r++] = st[i];
            } else {
                keptShape[k] = shape[i];
                keptStrides[k++] = st[i];
            }
        }
        long count = CudaArray.lengthOf(keptShape);
        if (o.length() != count) {
            throw new IllegalArgumentException("out " + Arrays.toString(o.shapeRef()) + " must hold " + count
                    + " sums");
        }
        dev.launch(Kernel.SUM_AXES, a.dtype(), LaunchGeometry.elementwise(count, sms), a.address(), o.address(),
                Dims.sumAxes(keptShape, keptStrides, redStrides, redShape), count);
    }

    @Override
    public synchronized double sum(DeviceArray x) {
        CudaArray a = contiguous(floating(x, "x"), "x");
        long n = a.length();
        if (n == 0) {
            return 0;
        }
        long blocks = Math.min(SUM_BLOCKS, (n + 4095) / 4096);
        long chunk = (n + blocks - 1) / blocks;
        long partial = dev.pool().acquire(blocks * 8);
        dev.launch(Kernel.BLOCK_SUMS, a.dtype(), new LaunchGeometry((int) blocks, 1, 256, 1, 0), a.address(), n, chunk,
                partial);
        double[] p = new double[(int) blocks];
        dev.download(partial, blocks * 8, 1, blocks * 8, h -> h.limit(blocks * 8).asByteBuffer()
                .order(java.nio.ByteOrder.nativeOrder()).asDoubleBuffer().get(p));
        dev.pool().release(partial);
        double t = 0;
        for (double v : p) {
            t += v;
        }
        return t;
    }

    // ---- network operations --------------------------------------------------------------------

    @Override
    public synchronized void softmax(DeviceArray x, DeviceArray out) {
        rows(Kernel.SOFTMAX_ROWS, x, out);
    }

    @Override
    public synchronized void logSoftmax(DeviceArray x, DeviceArray out) {
        rows(Kernel.LOG_SOFTMAX_ROWS, x, out);
    }

    private void rows(Kernel k, DeviceArray x, DeviceArray out) {
        CudaArray a = contiguous(floating(x, "x"), "x");
        CudaArray o = contiguous(floating(out, "out"), "out");
        requireType(o, a.dtype(), "out");
        requireSameShape(a, o, "out");
        if (a.rank() == 0 || a.length() == 0) {
            return;
        }
        long cols = a.size(a.rank() - 1);
        long rows = a.length() / cols;
        dev.launch(k, a.dtype(), LaunchGeometry.warpPerRow(rows, sms), a.address(), o.address(), rows, cols);
    }

    @Override
    public synchronized void batchNorm(DeviceArray x, DeviceArray mean, DeviceArray var, DeviceArray gamma,
                                       DeviceArray beta, double eps, DeviceArray out) {
        CudaArray a = contiguous(floating(x, "x"), "x");
        CudaArray o = contiguous(floating(out, "out"), "out");
        requireRank(a, 2, "x");
        requireSameShape(a, o, "out");
        long cols = a.size(1);
        CudaArray[] stats = new CudaArray[4];
        DeviceArray[] given = {mean, var, gamma, beta};
        String[] names = {"mean", "var", "gamma", "beta"};
        for (int i = 0; i < 4; i++) {
            stats[i] = contiguous(floating(given[i], names[i]), names[i]);
            requireType(stats[i], a.dtype(), names[i]);
            if (stats[i].length() != cols) {
                throw new IllegalArgumentException(names[i] + " " + Arrays.toString(stats[i].shapeRef()) + " must hold "
                        + cols + " values");
            }
        }
        requireType(o, a.dtype(), "out");
        dev.launch(Kernel.BATCHNORM, a.dtype(), LaunchGeometry.elementwise(a.length(), sms), a.address(),
                stats[0].address(), stats[1].address(), stats[2].address(), stats[3].address(), eps, o.address(),
                a.size(0), cols);
    }

    @Override
    public synchronized void maxOverGroups(DeviceArray x, long k, DeviceArray out) {
        Groups g = groups(x, k, out, "out");
        dev.launch(Kernel.GROUP_MAX, g.x.dtype(), LaunchGeometry.elementwise(g.groups * g.cols, sms), g.x.address(), k,
                g.groups, g.cols, g.per.address());
    }

    @Override
    public synchronized void maxOverGroupsBackward(DeviceArray x, DeviceArray dOut, long k, DeviceArray dx) {
        Groups g = groups(x, k, dOut, "dOut");
        CudaArray d = contiguous(floating(dx, "dx"), "dx");
        requireType(d, g.x.dtype(), "dx");
        requireSameShape(g.x, d, "dx");
        dev.launch(Kernel.GROUP_MAX_BACKWARD, g.x.dtype(), LaunchGeometry.elementwise(g.groups * g.cols, sms),
                g.x.address(), g.per.address(), k, g.groups, g.cols, d.address());
    }

    @Override
    public synchronized void meanOverGroups(DeviceArray x, long k, DeviceArray out) {
        Groups g = groups(x, k, out, "out");
        dev.launch(Kernel.GROUP_MEAN, g.x.dtype(), LaunchGeometry.elementwise(g.groups * g.cols, sms), g.x.address(), k,
                g.groups, g.cols, g.per.address());
    }

    @Override
    public synchronized void addToGroups(DeviceArray x, DeviceArray perGroup, long k) {
        Groups g = groups(x, k, perGroup, "perGroup");
        dev.launch(Kernel.ADD_TO_GROUPS, g.x.dtype(), LaunchGeometry.elementwise(g.x.length(), sms), g.x.address(),
                g.per.address(), k, g.groups, g.cols);
    }

    @Override
    public synchronized void gatherRows(DeviceArray table, DeviceArray idx, DeviceArray out) {
        CudaArray t = contiguous(floating(table, "table"), "table");
        CudaArray i = contiguous(cuda(idx, "idx"), "idx");
        CudaArray o = contiguous(floating(out, "out"), "out");
        requireRank(t, 2, "table");
        requireType(i, DType.INT, "idx");
        requireType(o, t.dtype(), "out");
        long m = i.length();
        if (o.rank() != 2 || o.size(0) != m || o.size(1) != t.size(1)) {
            throw new IllegalArgumentException("out " + Arrays.toString(o.shapeRef()) + " must be [" + m + ", "
                    + t.size(1) + "]");
        }
        dev.launch(Kernel.GATHER_ROWS, t.dtype(), LaunchGeometry.elementwise(m * t.size(1), sms), t.address(),
                i.address(), o.address(), m, t.size(1));
    }

    @Override
    public synchronized void scatterAddRows(DeviceArray src, DeviceArray idx, DeviceArray out) {
        CudaArray s = contiguous(floating(src, "src"), "src");
        CudaArray i = contiguous(cuda(idx, "idx"), "idx");
        CudaArray o = contiguous(floating(out, "out"), "out");
        requireRank(s, 2, "src");
        requireRank(o, 2, "out");
        requireType(i, DType.INT, "idx");
        requireType(o, s.dtype(), "out");
        long m = s.size(0);
        long cols = s.size(1);
        long targets = o.size(0);
        if (i.length() != m || o.size(1) != cols) {
            throw new IllegalArgumentException("scatterAddRows: src " + Arrays.toString(s.shapeRef()) + ", idx "
                    + Arrays.toString(i.shapeRef()) + ", out " + Arrays.toString(o.shapeRef()));
        }
        if (targets > Integer.MAX_VALUE - 1 || m > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("scatterAddRows: more rows than int indices address");
        }
        DevicePool pool = dev.pool();
        long counts = pool.acquire(targets * 4);
        long offsets = pool.acquire((targets + 1) * 4);
        long cursor = pool.acquire(Math.max(targets, 1) * 4);
        long order = pool.acquire(Math.max(m, 1) * 4);
        dev.zero(counts, targets * 4);
        dev.launch(Kernel.SCATTER_COUNT, DType.INT, LaunchGeometry.elementwise(m, sms), i.address(), m, counts);
        dev.launch(Kernel.EXCLUSIVE_SCAN, DType.INT, new LaunchGeometry(1, 1, 1024, 1, 0), counts, targets, offsets,
                cursor);
        dev.launch(Kernel.SCATTER_PLACE, DType.INT, LaunchGeometry.elementwise(m, sms), i.address(), m, cursor, order);
        dev.launch(Kernel.SEGMENT_SORT, DType.INT, LaunchGeometry.elementwise(targets, sms), order, offsets, targets);
        dev.launch(Kernel.SCATTER_ADD_CSR, s.dtype(), LaunchGeometry.elementwise(targets * cols, sms), s.address(),
                order, offsets, o.address(), targets, cols);
        for (long p : new long[] {counts, offsets, cursor, order}) {
            pool.release(p);
        }
    }

    @Override
    public synchronized void permute(DeviceArray x, int[] axes, DeviceArray out) {
        CudaArray a = contiguous(cuda(x, "x"), "x");
        CudaArray o = contiguous(cuda(out, "out"), "out");
        requireType(o, a.dtype(), "out");
        if (a.dtype() == DType.INT) {
            throw new IllegalArgumentException("permute of INT arrays is not supported");
        }
        int r = a.rank();
        if (axes.length != r || o.rank() != r) {
            throw new IllegalArgumentException("permute axes " + Arrays.toString(axes) + " for rank " + r);
        }
        long[] xs = strides(a);
        long[] byOut = new long[r];
        boolean[] seen = new boolean[r];
        for (int i = 0; i < r; i++) {
            int ax = axes[i];
            if (ax < 0 || ax >= r || seen[ax]) {
                throw new IllegalArgumentException("permute axes " + Arrays.toString(axes) + " are not a permutation");
            }
            seen[ax] = true;
            if (o.size(i) != a.size(ax)) {
                throw new IllegalArgumentException("permute: out " + Arrays.toString(o.shapeRef()) + " does not match x "
                        + Arrays.toString(a.shapeRef()) + " permuted by " + Arrays.toString(axes));
            }
            byOut[i] = xs[ax];
        }
        long n = a.length();
        dev.launch(Kernel.PERMUTE, a.dtype(), LaunchGeometry.elementwise(n, sms), a.address(), o.address(),
                Dims.permute(o.shapeRef(), byOut, strides(o)), n);
    }

    // ---- randomness ----------------------------------------------------------------------------

    @Override
    public DeviceRandom random(long seed) {
        return new CudaRandom(seed);
    }

    @Override
    public synchronized void bernoulli(DeviceRandom rng, double p, DeviceArray out) {
        if (!(rng instanceof CudaRandom r)) {
            throw new IllegalArgumentException("the generator is not from the CUDA backend");
        }
        CudaArray o = contiguous(floating(out, "out"), "out");
        long n = o.length();
        dev.launch(Kernel.BERNOULLI, o.dtype(), LaunchGeometry.elementwise(n, sms), o.address(), p, r.seed(),
                r.advance(n), n);
    }

    @Override
    public synchronized void close() {
        dev.close();
    }

    // ---- checks --------------------------------------------------------------------------------

    /** Rows, columns and row stride of an array viewed as a matrix (a vector or n-D array is one row). */
    private record Matrix(long rows, long cols, long ld) {
        static Matrix of(CudaArray a) {
            if (a.rank() == 2) {
                return new Matrix(a.size(0), a.size(1), a.rowStride());
            }
            long n = a.length();
            return new Matrix(n == 0 ? 0 : 1, n, Math.max(n, 1));
        }
    }

    private record Groups(CudaArray x, CudaArray per, long groups, long cols) {
    }

    private Groups groups(DeviceArray x, long k, DeviceArray perGroup, String name) {
        CudaArray a = contiguous(floating(x, "x"), "x");
        CudaArray p = contiguous(floating(perGroup, name), name);
        requireRank(a, 2, "x");
        requireType(p, a.dtype(), name);
        if (k < 1 || a.size(0) % k != 0) {
            throw new IllegalArgumentException("x " + Arrays.toString(a.shapeRef()) + " is not groups of k = " + k
                    + " rows");
        }
        long g = a.size(0) / k;
        if (p.rank() != 2 || p.size(0) != g || p.size(1) != a.size(1)) {
            throw new IllegalArgumentException(name + " " + Arrays.toString(p.shapeRef()) + " must be [" + g + ", "
                    + a.size(1) + "]");
        }
        return new Groups(a, p, g, a.size(1));
    }

    private static long[] strides(CudaArray a) {
        long[] s = Dims.contiguousStrides(a.shapeRef());
        if (a.rank() == 2) {
            s[0] = a.rowStride();
        }
        return s;
    }

    private CudaArray cuda(DeviceArray a, String name) {
        if (!(a instanceof CudaArray c) || c.backend() != this) {
            throw new IllegalArgumentException(name + " is not an array of this CUDA backend");
        }
        return c;
    }

    private CudaArray floating(DeviceArray a, String name) {
        CudaArray c = cuda(a, name);
        if (!c.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(name + " must be FLOAT or DOUBLE, not " + c.dtype());
        }
        return c;
    }

    private static CudaArray contiguous(CudaArray a, String name) {
        if (!a.isContiguous()) {
            throw new IllegalArgumentException(name + " must be contiguous, not a column block");
        }
        return a;
    }

    private static void requireType(CudaArray a, DType t, String name) {
        if (a.dtype() != t) {
            throw new IllegalArgumentException(name + " is " + a.dtype() + ", expected " + t);
        }
    }

    private static void requireRank(CudaArray a, int rank, String name) {
        if (a.rank() != rank) {
            throw new IllegalArgumentException(name + " " + Arrays.toString(a.shapeRef()) + " must have rank " + rank);
        }
    }

    private static void requireSameShape(CudaArray a, CudaArray b, String name) {
        if (!Arrays.equals(a.shapeRef(), b.shapeRef())) {
            throw new IllegalArgumentException(name + " " + Arrays.toString(b.shapeRef()) + " must have the shape "
                    + Arrays.toString(a.shapeRef()));
        }
    }

    private static void requireLength(int length, CudaArray d) {
        if (length != d.length()) {
            throw new IllegalArgumentException(length + " values for an array of " + d.length() + " "
                    + Arrays.toString(d.shapeRef()));
        }
    }
}
