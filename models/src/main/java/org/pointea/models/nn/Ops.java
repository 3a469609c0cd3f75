package org.pointea.models.nn;

import org.pointea.models.backend.Profiler;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The native operations the layers are built from, each writing into a caller-owned array.
 *
 * <p>Activations are 2-D, c-order {@code [rows, channels]}: one row per point (or per grouped
 * neighbour), channels contiguous. In that layout a 1×1 convolution is one GEMM, per-channel
 * reductions are GEMVs against a ones vector, and "max over the k neighbours of a centre" is a
 * oneDNN NHWC pooling over {@code [groups, k, 1, channels]}. Every choice here was measured against
 * the alternatives ND4J offers; see {@code docs/engine.md}. The ops are plain ND4J custom ops, so
 * the same code runs on the CUDA backend.
 */
public final class Ops {

    private static final ThreadLocal<Map<String, INDArray>> ONES = ThreadLocal.withInitial(HashMap::new);

    private Ops() {
    }

    /** Runs the libnd4j custom op {@code name} with the given outputs and arguments. */
    public static void exec(String name, INDArray[] in, INDArray[] out, long[] iArgs, double[] tArgs) {
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

    /**
     * {@code c = alpha * op(a) * op(b) + beta * c}. Calls libnd4j's {@code matmul} op directly — the
     * op behind {@code Nd4j.gemm}, whose wrapper refuses views as output although the op writes
     * row-range and column-block views correctly (tested in {@code OpsTest}) — so gradients can be
     * written straight into blocks of a weight's gradient.
     */
    public static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB,
                            double alpha, double beta) {
        long t0 = Profiler.start();
        DynamicCustomOp op = DynamicCustomOp.builder("matmul").addInputs(a, b).addOutputs(c).build();
        op.addIArgument(transA ? 1 : 0, transB ? 1 : 0, 0);
        op.addTArgument(alpha, beta);
        Nd4j.exec(op);
        Profiler.op(a.rows() == 1 || c.columns() == 1 ? "gemv" : "gemm", t0);
    }

    /** {@code c = op(a) * op(b)}. */
    public static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB) {
        gemm(a, b, c, transA, transB, 1.0, 0.0);
    }

    /** A new array {@code op(a) * op(b)} (for small products only). */
    public static INDArray gemmNew(INDArray a, INDArray b, boolean transA, boolean transB) {
        long rows = transA ? a.columns() : a.rows();
        long cols = transB ? b.rows() : b.columns();
        INDArray c = Nd4j.createUninitialized(a.dataType(), rows, cols);
        gemm(a, b, c, transA, transB);
        return c;
    }

    /** Batched matrix product of rank-3 arrays: {@code c[i] = op(a[i]) * op(b[i])}. */
    public static void bmm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB) {
        exec("matmul", new INDArray[] {a, b}, new INDArray[] {c},
                new long[] {transA ? 1 : 0, transB ? 1 : 0, 0}, null);
    }

    /** A cached vector of ones, shape {@code [1, n]} (row) of the given type. */
    public static INDArray onesRow(DataType dt, long n) {
        String key = dt + ":" + n;
        return ONES.get().computeIfAbsent(key, k -> Nd4j.ones(dt, 1, n));
    }

    /** {@code out[1, C] = sum over rows of x[R, C]} as a GEMV (ND4J's {@code sum(0)} is ~50× slower). */
    public static void columnSums(INDArray x, INDArray out) {
        gemm(onesRow(x.dataType(), x.rows()), x, out, false, false);
    }

    /** {@code out[R, 1] = sum over columns of x[R, C]}. */
    public static void rowSums(INDArray x, INDArray out) {
        gemm(x, onesRow(x.dataType(), x.columns()), out, false, true);
    }

    /** {@code out = table[idx]} along rows. */
    public static void gatherRows(INDArray table, INDArray idx, INDArray out) {
        exec("gather", new INDArray[] {table, idx}, new INDArray[] {out}, new long[] {0}, null);
    }

    /** {@code out = x (op) row} broadcasting a {@code [1, C]} row over {@code x[R, C]}. */
    public static void broadcast(String op, INDArray x, INDArray row, INDArray out) {
        exec(op, new INDArray[] {x, row}, new INDArray[] {out}, null, null);
    }

    /** {@code out = (x - row)^2}, broadcasting the row. */
    public static void squaredDifference(INDArray x, INDArray row, INDArray out) {
        broadcast("squaredsubtract", x, row, out);
    }

    /** {@code out = x * row}, broadcasting the row. */
    public static void mulRow(INDArray x, INDArray row, INDArray out) {
        broadcast("multiply", x, row, out);
    }

    /** {@code out = x * y} elementwise. */
    public static void mul(INDArray x, INDArray y, INDArray out) {
        broadcast("multiply", x, y, out);
    }

    /** {@code out = x > 0 ? 1 : 0}. */
    public static void step(INDArray x, INDArray out) {
        long t0 = Profiler.start();
        Nd4j.exec(new Step(x, out, 0.0));
        Profiler.op("step", t0);
    }

    /** {@code out = max(x, 0)}. */
    public static void relu(INDArray x, INDArray out) {
        exec("relu", new INDArray[] {x}, new INDArray[] {out}, null, new double[] {0.0});
    }

    /** Pooling over groups of {@code k} consecutive rows: NHWC {@code [R/k, k, 1, C]} window {@code [k, 1]}. */
    private static long[] poolArgs(long k) {
        return new long[] {k, 1, k, 1, 0, 0, 1, 1, 0, 0, 1};
    }

    /** {@code out[g, c] = max over r in group g of x[g*k + r, c]}; {@code out} is {@code [R/k, C]}. */
    public static void maxOverGroups(INDArray x, long k, INDArray out) {
        long c = x.columns();
        long g = x.rows() / k;
        exec("maxpool2d", new INDArray[] {x.reshape(g, k, 1, c)}, new INDArray[] {out.reshape(g, 1, 1, c)},
                poolArgs(k), null);
    }

    /** Backward of {@link #maxOverGroups}: {@code dx} gets {@code dOut} at each group's argmax, 0 elsewhere. */
    public static void maxOverGroupsBackward(INDArray x, INDArray dOut, long k, INDArray dx) {
        long c = x.columns();
        long g = x.rows() / k;
        exec("maxpool2d_bp", new INDArray[] {x.reshape(g, k, 1, c), dOut.reshape(g, 1, 1, c)},
                new INDArray[] {dx.reshape(g, k, 1, c)}, poolArgs(k), null);
    }

    /** {@code out[g, c] = mean over the k rows of group g}. */
    public static void meanOverGroups(INDArray x, long k, INDArray out) {
        long c = x.columns();
        long g = x.rows() / k;
        exec("avgpool2d", new INDArray[] {x.reshape(g, k, 1, c)}, new INDArray[] {out.reshape(g, 1, 1, c)},
                poolArgs(k), null);
    }

    /** Adds {@code perGroup[g, C]} to every one of the k rows of group g of {@code x[g*k, C]}, in place. */
    public static void addToGroups(INDArray x, INDArray perGroup, long k) {
        long c = x.columns();
        long g = x.rows() / k;
        INDArray x3 = x.reshape(g, k, c);
        exec("add", new INDArray[] {x3, perGroup.reshape(g, 1, c)}, new INDArray[] {x3}, null, null);
    }

    /** Row-wise softmax of a 2-D array (over its last dimension), written to {@code out}. */
    public static void softmaxRows(INDArray x, INDArray out) {
        exec("softmax", new INDArray[] {x}, new INDArray[] {out}, new long[] {x.rank() - 1}, null);
    }
}
