package org.pointea.models.backend.nd4j;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarDivision;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseDivision;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BinaryOp;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.DeviceRandom;
import org.pointea.models.backend.Profiler;
import org.pointea.models.backend.ScalarOp;
import org.pointea.models.backend.UnaryOp;

/**
 * The CPU backend on ND4J 1.0.0-M2.1 (libnd4j with oneDNN): every operation is the libnd4j op
 * the layers have used since they were written, chosen by measurement ({@code docs/engine.md}):
 * GEMMs through the {@code matmul} custom op (which, unlike {@code Nd4j.gemm}, writes into views),
 * per-channel sums as GEMVs against a ones vector (48× faster than {@code sum(0)}), batch-norm
 * normalisation by the {@code batchnorm} op on an NHWC view, group pooling by oneDNN NHWC
 * {@code maxpool2d} / {@code avgpool2d}, the gather backward by {@code scatter_add}. Obtain it with
 * {@link org.pointea.models.backend.Backends#cpu()}, which applies the runtime settings
 * ({@link Nd4jRuntime}) before ND4J loads.
 */
final class Nd4jBackend implements Backend {
    private static final Nd4jBackend INSTANCE = new Nd4jBackend();
    private final ThreadLocal<Map<String, INDArray>> ones = ThreadLocal.withInitial(HashMap::new);

    private Nd4jBackend() {
    }

    /** The backend, ND4J loaded and configured. */
    static Nd4jBackend instance() {
        Nd4jRuntime.configureBackend();
        return INSTANCE;
    }

    static DataType nd4j(DType t) {
        return switch (t) {
            case FLOAT -> DataType.FLOAT;
            case DOUBLE -> DataType.DOUBLE;
            case INT -> DataType.INT;
        };
    }

    static DType dtype(DataType t) {
        return switch (t) {
            case FLOAT -> DType.FLOAT;
            case DOUBLE -> DType.DOUBLE;
            case INT -> DType.INT;
            default -> throw new IllegalArgumentException("unsupported ND4J data type " + t);
        };
    }

    private Nd4jArray wrap(INDArray a) {
        return new Nd4jArray(this, a, false, true);
    }

    private static INDArray nd(DeviceArray a) {
        if (!(a instanceof Nd4jArray n)) {
            throw new IllegalArgumentException("not an array of the ND4J backend: " + a);
        }
        return n.nd();
    }

    private static void requireContiguous(String op, DeviceArray... arrays) {
        for (DeviceArray a : arrays) {
            if (!a.isContiguous()) {
                throw new IllegalArgumentException(op + " needs contiguous arrays, got a column block " + a);
            }
        }
    }

    private static void requireSameShape(String op, DeviceArray a, DeviceArray b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(a.shape()) + " and "
                    + Arrays.toString(b.shape()) + " differ");
        }
    }

    private static void exec(String name, INDArray[] in, INDArray[] out, long[] iArgs, double[] tArgs) {
        long t0 = Profiler.start();
        DynamicCustomOp op = DynamicCustomOp.builder(name).addInputs(in).addOutputs(out).build();
        if (iArgs != null && iArgs.length > 0) {
            op.addIArgument(iArgs);
        }
        if (tArgs != null && tArgs.length > 0) {
            op.addTArgument(tArgs);
        }
        Nd4j.exec(op);
        Profiler.op(name, t0);
    }

    // ---- identity and runtime ------------------------------------------------------------------

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String describe() {
        return Nd4jRuntime.describe();
    }

    @Override
    public int threads() {
        return Nd4jRuntime.threads();
    }

    @Override
    public void setThreads(int threads) {
        Nd4jRuntime.setThreads(threads);
    }

    // ---- memory and transfers ------------------------------------------------------------------

    @Override
    public DeviceArray allocate(DType type, long... shape) {
        return wrap(Nd4j.createUninitialized(nd4j(type), shape));
    }

    @Override
    public DeviceArray zeros(DType type, long... shape) {
        return wrap(Nd4j.zeros(nd4j(type), shape));
    }

    @Override
    public void upload(float[] src, DeviceArray dst) {
        checkUpload(src.length, dst, true);
        try (INDArray s = Nd4j.createFromArray(src)) {
            nd(dst).assign(s.reshape(dst.shape()));
        }
    }

    @Override
    public void upload(double[] src, DeviceArray dst) {
        checkUpload(src.length, dst, true);
        try (INDArray s = Nd4j.createFromArray(src)) {
            nd(dst).assign(s.reshape(dst.shape()));
        }
    }

    @Override
    public void upload(int[] src, DeviceArray dst) {
        checkUpload(src.length, dst, false);
        try (INDArray s = Nd4j.createFromArray(src)) {
            nd(dst).assign(s.reshape(dst.shape()));
        }
    }

    private static void checkUpload(int n, DeviceArray dst, boolean floating) {
        if (n != dst.length()) {
            throw new IllegalArgumentException(n + " values for an array of " + dst.length());
        }
        if (dst.dtype().isFloatingPoint() != floating) {
            throw new IllegalArgumentException((floating ? "floating-point values" : "indices")
                    + " for an array of type " + dst.dtype().id());
        }
    }

    private static INDArray rowMajor(DeviceArray src) {
        INDArray a = nd(src);
        return src.isContiguous() && !a.isView() ? a : a.dup('c');
    }

    @Override
    public float[] toFloatArray(DeviceArray src) {
        if (!src.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("toFloatArray of an index array");
        }
        INDArray a = rowMajor(src);
        try {
            return a.dataType() == DataType.FLOAT ? a.data().asFloat() : a.castTo(DataType.FLOAT).data().asFloat();
        } finally {
            if (a != nd(src)) {
                a.close();
            }
        }
    }

    @Override
    public double[] toDoubleArray(DeviceArray src) {
        if (!src.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("toDoubleArray of an index array");
        }
        INDArray a = rowMajor(src);
        try {
            return a.data().asDouble();
        } finally {
            if (a != nd(src)) {
                a.close();
            }
        }
    }

    @Override
    public int[] toIntArray(DeviceArray src) {
        if (src.dtype() != DType.INT) {
            throw new IllegalArgumentException("toIntArray of a " + src.dtype().id() + " array");
        }
        INDArray a = rowMajor(src);
        try {
            return a.data().asInt();
        } finally {
            if (a != nd(src)) {
                a.close();
            }
        }
    }

    @Override
    public void copy(DeviceArray src, DeviceArray dst) {
        requireSameShape("copy", src, dst);
        if (src.dtype() != dst.dtype()) {
            throw new IllegalArgumentException("copy between " + src.dtype().id() + " and " + dst.dtype().id());
        }
        long t0 = Profiler.start();
        nd(dst).assign(nd(src));
        Profiler.op("assign", t0);
    }

    @Override
    public void fill(DeviceArray dst, double value) {
        long t0 = Profiler.start();
        nd(dst).assign(value);
        Profiler.op("assign", t0);
    }

    // ---- products ------------------------------------------------------------------------------

    @Override
    public void gemm(DeviceArray a, DeviceArray b, DeviceArray c, boolean transA, boolean transB, double alpha,
                     double beta) {
        if (a.rank() != 2 || b.rank() != 2 || c.rank() != 2) {
            throw new IllegalArgumentException("gemm needs matrices");
        }
        long m = transA ? a.columns() : a.rows();
        long k = transA ? a.rows() : a.columns();
        long kb = transB ? b.columns() : b.rows();
        long n = transB ? b.rows() : b.columns();
        if (k != kb || c.rows() != m || c.columns() != n) {
            throw new IllegalArgumentException("gemm: op(a) " + m + "x" + k + ", op(b) " + kb + "x" + n + ", c "
                    + Arrays.toString(c.shape()));
        }
        long t0 = Profiler.start();
        DynamicCustomOp op = DynamicCustomOp.builder("matmul").addInputs(nd(a), nd(b)).addOutputs(nd(c)).build();
        op.addIArgument(transA ? 1 : 0, transB ? 1 : 0, 0);
        op.addTArgument(alpha, beta);
        Nd4j.exec(op);
        Profiler.op(m == 1 || n == 1 ? "gemv" : "gemm", t0);
    }

    @Override
    public void batchedGemm(DeviceArray a, DeviceArray b, DeviceArray c, boolean transA, boolean transB) {
        if (a.rank() != 3 || b.rank() != 3 || c.rank() != 3 || a.size(0) != b.size(0) || a.size(0) != c.size(0)) {
            throw new IllegalArgumentException("batchedGemm needs rank-3 arrays of one batch size, got "
                    + Arrays.toString(a.shape()) + ", " + Arrays.toString(b.shape()) + ", "
                    + Arrays.toString(c.shape()));
        }
        requireContiguous("batchedGemm", a, b, c);
        exec("matmul", new INDArray[] {nd(a), nd(b)}, new INDArray[] {nd(c)},
                new long[] {transA ? 1 : 0, transB ? 1 : 0, 0}, null);
    }

    @Override
    public void axpy(double alpha, DeviceArray x, DeviceArray y) {
        requireSameShape("axpy", x, y);
        requireContiguous("axpy", x, y);
        long t0 = Profiler.start();
        Nd4j.getBlasWrapper().level1().axpy(x.length(), alpha, nd(x), nd(y));
        Profiler.op("axpy", t0);
    }

    // ---- elementwise ---------------------------------------------------------------------------

    private static String opName(BinaryOp op) {
        return switch (op) {
            case ADD -> "add";
            case SUBTRACT -> "subtract";
            case MULTIPLY -> "multiply";
            case DIVIDE -> "divide";
            case SQUARED_DIFFERENCE -> "squaredsubtract";
            case MAXIMUM -> "maximum";
        };
    }

    @Override
    public void binary(BinaryOp op, DeviceArray x, DeviceArray y, DeviceArray out) {
        requireSameShape("binary " + op, x, out);
        if (y.rank() != x.rank()) {
            throw new IllegalArgumentException(op + ": cannot broadcast " + Arrays.toString(y.shape()) + " to "
                    + Arrays.toString(x.shape()));
        }
        for (int i = 0; i < x.rank(); i++) {
            if (y.size(i) != x.size(i) && y.size(i) != 1) {
                throw new IllegalArgumentException(op + ": cannot broadcast " + Arrays.toString(y.shape()) + " to "
                        + Arrays.toString(x.shape()));
            }
        }
        exec(opName(op), new INDArray[] {nd(x), nd(y)}, new INDArray[] {nd(out)}, null, null);
    }

    @Override
    public void scalar(ScalarOp op, DeviceArray x, double s, DeviceArray out) {
        requireSameShape("scalar " + op, x, out);
        INDArray a = nd(x);
        INDArray z = nd(out);
        long t0 = Profiler.start();
        switch (op) {
            case ADD -> Nd4j.exec(new ScalarAdd(a, null, z, s));
            case SUBTRACT -> Nd4j.exec(new ScalarSubtraction(a, null, z, s));
            case MULTIPLY -> Nd4j.exec(new ScalarMultiplication(a, null, z, s));
            case DIVIDE -> Nd4j.exec(new ScalarDivision(a, null, z, s));
            case REVERSE_DIVIDE -> Nd4j.exec(new ScalarReverseDivision(a, null, z, s));
            default -> throw new AssertionError(op);
        }
        Profiler.op("scalar", t0);
    }

    @Override
    public void unary(UnaryOp op, DeviceArray x, DeviceArray out) {
        requireSameShape("unary " + op, x, out);
        INDArray a = nd(x);
        INDArray z = nd(out);
        switch (op) {
            case RELU -> exec("relu", new INDArray[] {a}, new INDArray[] {z}, null, new double[] {0.0});
            case STEP -> {
                long t0 = Profiler.start();
                Nd4j.exec(new Step(a, z, 0.0));
                Profiler.op("step", t0);
            }
            case SQRT -> {
                long t0 = Profiler.start();
                Nd4j.exec(new Sqrt(a, z));
                Profiler.op("sqrt", t0);
            }
            case NEGATE -> {
                long t0 = Profiler.start();
                Nd4j.exec(new Negative(a, z));
                Profiler.op("neg", t0);
            }
            default -> throw new AssertionError(op);
        }
    }

    // ---- reductions ----------------------------------------------------------------------------

    /** A cached row of ones {@code [1, n]} (per thread: ND4J arrays are used by one thread at a time). */
    private INDArray onesRow(DataType dt, long n) {
        return ones.get().computeIfAbsent(dt + ":" + n, key -> Nd4j.ones(dt, 1, n));
    }

    @Override
    public void sumColumns(DeviceArray x, DeviceArray out) {
        if (x.rank() != 2 || out.length() != x.columns()) {
            throw new IllegalArgumentException("sumColumns of " + Arrays.toString(x.shape()) + " into "
                    + Arrays.toString(out.shape()));
        }
        INDArray o = nd(out);
        gemmNd(onesRow(nd(x).dataType(), x.rows()), nd(x), o.rank() == 2 ? o : o.reshape(1, x.columns()), false,
                false);
    }

    @Override
    public void sumRows(DeviceArray x, DeviceArray out) {
        if (x.rank() != 2 || out.length() != x.rows()) {
            throw new IllegalArgumentException("sumRows of " + Arrays.toString(x.shape()) + " into "
                    + Arrays.toString(out.shape()));
        }
        INDArray o = nd(out);
        gemmNd(nd(x), onesRow(nd(x).dataType(), x.columns()), o.rank() == 2 ? o : o.reshape(x.rows(), 1), false,
                true);
    }

    private static void gemmNd(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB) {
        long t0 = Profiler.start();
        DynamicCustomOp op = DynamicCustomOp.builder("matmul").addInputs(a, b).addOutputs(c).build();
        op.addIArgument(transA ? 1 : 0, transB ? 1 : 0, 0);
        op.addTArgument(1.0, 0.0);
        Nd4j.exec(op);
        Profiler.op(a.rows() == 1 || c.columns() == 1 ? "gemv" : "gemm", t0);
    }

    @Override
    public void sum(DeviceArray x, int[] axes, DeviceArray out) {
        long t0 = Profiler.start();
        try (INDArray r = nd(x).sum(axes)) {
            if (r.length() != out.length()) {
                throw new IllegalArgumentException("sum over " + Arrays.toString(axes) + " of "
                        + Arrays.toString(x.shape()) + " has " + r.length() + " values, out "
                        + Arrays.toString(out.shape()));
            }
            nd(out).assign(r.reshape(out.shape()));
        }
        Profiler.op("sum", t0);
    }

    @Override
    public double sum(DeviceArray x) {
        long t0 = Profiler.start();
        double s = nd(x).sumNumber().doubleValue();
        Profiler.op("sum", t0);
        return s;
    }

    // ---- network operations --------------------------------------------------------------------

    @Override
    public void softmax(DeviceArray x, DeviceArray out) {
        requireSameShape("softmax", x, out);
        requireContiguous("softmax", x, out);
        exec("softmax", new INDArray[] {nd(x)}, new INDArray[] {nd(out)}, new long[] {x.rank() - 1}, null);
    }

    @Override
    public void logSoftmax(DeviceArray x, DeviceArray out) {
        requireSameShape("logSoftmax", x, out);
        requireContiguous("logSoftmax", x, out);
        exec("log_softmax", new INDArray[] {nd(x)}, new INDArray[] {nd(out)}, new long[] {x.rank() - 1}, null);
    }

    @Override
    public void batchNorm(DeviceArray x, DeviceArray mean, DeviceArray var, DeviceArray gamma, DeviceArray beta,
                          double eps, DeviceArray out) {
        requireSameShape("batchNorm", x, out);
        requireContiguous("batchNorm", x, out, mean, var, gamma, beta);
        long r = x.rows();
        long c = x.columns();
        for (DeviceArray v : new DeviceArray[] {mean, var, gamma, beta}) {
            if (v.length() != c) {
                throw new IllegalArgumentException("batchNorm: a per-channel vector has " + v.length()
                        + " values for " + c + " channels");
            }
        }
        exec("batchnorm", new INDArray[] {nd(x).reshape(1, r, 1, c), nd(mean).reshape(c), nd(var).reshape(c),
            nd(gamma).reshape(c), nd(beta).reshape(c)}, new INDArray[] {nd(out).reshape(1, r, 1, c)},
                new long[] {1, 1, 3}, new double[] {eps});
    }

    /** Pooling over groups of {@code k} consecutive rows: NHWC {@code [R/k, k, 1, C]} window {@code [k, 1]}. */
    private static long[] poolArgs(long k) {
        return new long[] {k, 1, k, 1, 0, 0, 1, 1, 0, 0, 1};
    }

    private static long groups(String op, DeviceArray x, long k, DeviceArray out) {
        if (x.rank() != 2 || k < 1 || x.rows() % k != 0 || out.length() != x.rows() / k * x.columns()) {
            throw new IllegalArgumentException(op + ": " + Arrays.toString(x.shape()) + " in groups of " + k
                    + " into " + Arrays.toString(out.shape()));
        }
        requireContiguous(op, x, out);
        return x.rows() / k;
    }

    @Override
    public void maxOverGroups(DeviceArray x, long k, DeviceArray out) {
        long g = groups("maxOverGroups", x, k, out);
        long c = x.columns();
        exec("maxpool2d", new INDArray[] {nd(x).reshape(g, k, 1, c)}, new INDArray[] {nd(out).reshape(g, 1, 1, c)},
                poolArgs(k), null);
    }

    @Override
    public void maxOverGroupsBackward(DeviceArray x, DeviceArray dOut, long k, DeviceArray dx) {
        long g = groups("maxOverGroupsBackward", x, k, dOut);
        requireSameShape("maxOverGroupsBackward", x, dx);
        requireContiguous("maxOverGroupsBackward", dx);
        long c = x.columns();
        exec("maxpool2d_bp", new INDArray[] {nd(x).reshape(g, k, 1, c), nd(dOut).reshape(g, 1, 1, c)},
                new INDArray[] {nd(dx).reshape(g, k, 1, c)}, poolArgs(k), null);
    }

    @Override
    public void meanOverGroups(DeviceArray x, long k, DeviceArray out) {
        long g = groups("meanOverGroups", x, k, out);
        long c = x.columns();
        exec("avgpool2d", new INDArray[] {nd(x).reshape(g, k, 1, c)}, new INDArray[] {nd(out).reshape(g, 1, 1, c)},
                poolArgs(k), null);
    }

    @Override
    public void addToGroups(DeviceArray x, DeviceArray perGroup, long k) {
        long g = groups("addToGroups", x, k, perGroup);
        requireContiguous("addToGroups", perGroup);
        long c = x.columns();
        INDArray x3 = nd(x).reshape(g, k, c);
        exec("add", new INDArray[] {x3, nd(perGroup).reshape(g, 1, c)}, new INDArray[] {x3}, null, null);
    }

    @Override
    public void gatherRows(DeviceArray table, DeviceArray idx, DeviceArray out) {
        if (idx.dtype() != DType.INT || idx.rank() != 1 || table.rank() != 2 || out.rank() != 2
                || out.rows() != idx.length() || out.columns() != table.columns()) {
            throw new IllegalArgumentException("gatherRows: table " + Arrays.toString(table.shape()) + ", indices "
                    + idx.dtype().id() + Arrays.toString(idx.shape()) + ", out " + Arrays.toString(out.shape()));
        }
        requireContiguous("gatherRows", table, out);
        exec("gather", new INDArray[] {nd(table), nd(idx)}, new INDArray[] {nd(out)}, new long[] {0}, null);
    }

    @Override
    public void scatterAddRows(DeviceArray src, DeviceArray idx, DeviceArray out) {
        if (idx.dtype() != DType.INT || idx.rank() != 1 || src.rank() != 2 || out.rank() != 2
                || src.rows() != idx.length() || out.columns() != src.columns()) {
            throw new IllegalArgumentException("scatterAddRows: source " + Arrays.toString(src.shape())
                    + ", indices " + idx.dtype().id() + Arrays.toString(idx.shape()) + ", out "
                    + Arrays.toString(out.shape()));
        }
        requireContiguous("scatterAddRows", src, out);
        INDArray o = nd(out);
        long t0 = Profiler.start();
        o.assign(0);
        Profiler.op("assign", t0);
        exec("scatter_add", new INDArray[] {o, nd(idx), nd(src)}, new INDArray[] {o}, null, null);
    }

    @Override
    public void permute(DeviceArray x, int[] axes, DeviceArray out) {
        requireContiguous("permute", x, out);
        if (axes.length != x.rank() || out.rank() != x.rank()) {
            throw new IllegalArgumentException("permute " + Arrays.toString(axes) + " of "
                    + Arrays.toString(x.shape()) + " into " + Arrays.toString(out.shape()));
        }
        for (int i = 0; i < axes.length; i++) {
            if (out.size(i) != x.size(axes[i])) {
                throw new IllegalArgumentException("permute " + Arrays.toString(axes) + " of "
                        + Arrays.toString(x.shape()) + " into " + Arrays.toString(out.shape()));
            }
        }
        long t0 = Profiler.start();
        nd(out).assign(nd(x).permute(axes));
        Profiler.op("permute", t0);
    }

    // ---- randomness ----------------------------------------------------------------------------

    @Override
    public DeviceRandom random(long seed) {
        return new Nd4jRandom(Nd4j.getRandomFactory().getNewRandomInstance(seed));
    }

    @Override
    public void bernoulli(DeviceRandom rng, double p, DeviceArray out) {
        if (!(rng instanceof Nd4jRandom r)) {
            throw new IllegalArgumentException("not a generator of the ND4J backend: " + rng);
        }
        requireContiguous("bernoulli", out);
        long t0 = Profiler.start();
        Nd4j.getExecutioner().exec(new BernoulliDistribution(nd(out), p), r.random());
        Profiler.op("bernoulli", t0);
    }

    @Override
    public String toString() {
        return "Nd4jBackend(cpu)";
    }
}
