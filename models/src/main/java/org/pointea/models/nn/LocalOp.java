package org.pointea.models.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BinaryOp;
import org.pointea.models.backend.Buffer;
import org.pointea.models.backend.BufferRegistry;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.Profiler;
import org.pointea.models.backend.ScalarOp;
import org.pointea.models.backend.UnaryOp;

/**
 * PCT's sample-and-group feature aggregation ({@code sample_and_group} + {@code Local_op}) as one
 * fused layer: for every centre c with neighbours n_1..n_k,
 * <pre>
 *   g_j  = [x(n_j) − x(c) ; x(c)]                       (2·Cin channels)
 *   h_j  = ReLU(BN1(W1 g_j))                             (Cout)
 *   out  = max_j ReLU(BN2(W2 h_j))                       (Cout)
 * </pre>
 * exactly as the PyTorch reference, but computed as
 * {@code W1 g_j = W1a x(n_j) + (W1b − W1a) x(c)}: W1a is applied to the source points before
 * gathering, so the grouped {@code [G·k, 2·Cin]} tensor and the first convolution over it are never
 * built. The second batch norm is folded into the max (its scale's sign decides max or min; the
 * maximum of the normalised values is taken with the sign folded in), so BN2 and the second ReLU run
 * on the pooled {@code [G, Cout]} values only, and their backward is one dense affine pass plus the
 * pooling's sparse scatter. The neighbour-gather backward is the backend's scatter-add or a
 * {@link ScatterPlan}.
 *
 * <p>Parameters (PyTorch names): {@code name.conv1.weight [Cout, 2Cin]}, {@code name.bn1.*},
 * {@code name.conv2.weight [Cout, Cout]}, {@code name.bn2.*}.
 */
public final class LocalOp {
    private final Backend be;
    private final int in;
    private final int out;
    private final Param w1;
    private final Param w2;
    private final BatchNorm bn1;
    private final BatchNorm bn2;
    private final BufferRegistry buffers;
    private final String name;
    private final DType dt;

    private final Buffer centreIdx;
    private final Buffer neighbourIdx;
    private final List<Buffer> planIdx = new ArrayList<>();
    private final Buffer xc;
    private final Buffer a;
    private final Buffer bc;
    private final Buffer wd;
    private final Buffer y1;
    private final Buffer h1;
    private final Buffer y2;
    private final Buffer pooled;
    private final Buffer result;
    private final Buffer sign;
    private final Buffer absGamma;
    // backward
    private final Buffer gz;
    private final Buffer small;
    private final Buffer vec;
    private final Buffer vec2;
    private final Buffer vec3;
    private final Buffer dA;
    private final Buffer dBc;
    private final Buffer dxc;
    private final Buffer dxcScattered;
    private final Buffer dx;

    private DeviceArray x;
    private Neighborhoods nb;
    private boolean trained;

    /** Registers the parameters under {@code name}. */
    public LocalOp(ParamStore ps, BufferRegistry buffers, String name, int in, int out) {
        this.be = ps.backend();
        this.in = in;
        this.out = out;
        this.buffers = buffers;
        this.name = name;
        this.dt = ps.dtype();
        this.w1 = ps.add(name + ".conv1.weight", Param.fanIn(2L * in), out, 2L * in);
        this.bn1 = new BatchNorm(ps, buffers, name + ".bn1", out);
        this.w2 = ps.add(name + ".conv2.weight", Param.fanIn(out), out, out);
        this.bn2 = new BatchNorm(ps, buffers, name + ".bn2", out);
        this.centreIdx = buffers.buffer(name + ".centres");
        this.neighbourIdx = buffers.buffer(name + ".neighbours");
        this.xc = buffers.buffer(name + ".xc");
        this.a = buffers.buffer(name + ".a");
        this.bc = buffers.buffer(name + ".bc");
        this.wd = buffers.buffer(name + ".wd");
        this.y1 = buffers.buffer(name + ".y1");
        this.h1 = buffers.buffer(name + ".h1");
        this.y2 = buffers.buffer(name + ".y2");
        this.pooled = buffers.buffer(name + ".pooled");
        this.result = buffers.buffer(name + ".result");
        this.sign = buffers.buffer(name + ".sign");
        this.absGamma = buffers.buffer(name + ".absGamma");
        this.gz = buffers.buffer(name + ".gz");
        this.small = buffers.buffer(name + ".gzPooled");
        this.vec = buffers.buffer(name + ".vec");
        this.vec2 = buffers.buffer(name + ".vec2");
        this.vec3 = buffers.buffer(name + ".vec3");
        this.dA = buffers.buffer(name + ".dA");
        this.dBc = buffers.buffer(name + ".dBc");
        this.dxc = buffers.buffer(name + ".dxc");
        this.dxcScattered = buffers.buffer(name + ".dxcScattered");
        this.dx = buffers.buffer(name + ".dx");
    }

    /** Output channels. */
    public int outChannels() {
        return out;
    }

    private DeviceArray w1a(DeviceArray w) {
        return w.columns(0, in);
    }

    private DeviceArray w1b(DeviceArray w) {
        return w.columns(in, 2L * in);
    }

    /**
     * Forward pass over source features {@code x[sourceRows, Cin]}; returns {@code [groups, Cout]}
     * (owned by this layer). Keeps {@code x} and {@code nb} for the backward pass.
     */
    public DeviceArray forward(DeviceArray x, Neighborhoods nb, boolean training) {
        if (x.columns() != in || x.rows() != nb.sourceRows()) {
            throw new IllegalArgumentException("features " + Arrays.toString(x.shape())
                    + " do not match " + nb.sourceRows() + " x " + in);
        }
        this.x = x;
        this.nb = nb;
        this.trained = training;
        long g = nb.groups();
        long k = nb.k();
        long r = g * k;
        DeviceArray centres = centreIdx.get(DType.INT, g);
        be.upload(nb.centres(), centres);
        DeviceArray neighbours = neighbourIdx.get(DType.INT, r);
        be.upload(nb.neighbours(), neighbours);
        DeviceArray w = w1.value();
        // W1 [x_n - x_c ; x_c] = W1a x_n + (W1b - W1a) x_c
        DeviceArray xcA = xc.get(dt, g, in);
        be.gatherRows(x, centres, xcA);
        DeviceArray wdA = wd.get(dt, out, in);
        be.copy(w1b(w), wdA);
        be.binary(BinaryOp.SUBTRACT, wdA, w1a(w), wdA);
        DeviceArray aA = a.get(dt, x.rows(), out);
        be.gemm(x, w1a(w), aA, false, true, 1.0, 0.0);
        DeviceArray bcA = bc.get(dt, g, out);
        be.gemm(xcA, wdA, bcA, false, true, 1.0, 0.0);
        DeviceArray y1A = y1.get(dt, r, out);
        long t = Profiler.start();
        be.gatherRows(aA, neighbours, y1A);
        be.addToGroups(y1A, bcA, k);
        t = lap("local.fwd.gather", t);

        DeviceArray s = buffers.scratch(0, dt, r, out);
        DeviceArray h1A = h1.get(dt, r, out);
        if (training) {
            bn1.trainStatistics(y1A, s);
        } else {
            bn1.evalStatistics();
        }
        bn1.apply(y1A, h1A);
        be.unary(UnaryOp.RELU, h1A, h1A);
        t = lap("local.fwd.bn1+relu", t);

        // one extra, zero, row: the scatter plan's padding source (the buffer later holds dL/dy1)
        DeviceArray y2Full = y2.get(dt, r + 1, out);
        be.fill(y2Full.row(r), 0);
        DeviceArray y2A = y2Full.rows(0, r);
        be.gemm(h1A, w2.value(), y2A, false, true, 1.0, 0.0);
        t = lap("local.fwd.conv2", t);
        DeviceArray pooledA = pooled.get(dt, g, out);
        DeviceArray res = result.get(dt, g, out);
        if (training) {
            bn2.trainStatistics(y2A, s);
            // x~ = sign(γ) · x̂ in place; max over the group; out = relu(|γ| max + β)
            DeviceArray sg = sign.get(dt, 1, out);
            be.unary(UnaryOp.STEP, bn2.gamma().value(), sg);
            be.scalar(ScalarOp.MULTIPLY, sg, 2, sg);
            be.scalar(ScalarOp.SUBTRACT, sg, 1, sg);
            DeviceArray zero = vec.get(dt, 1, out);
            be.fill(zero, 0);
            be.batchNorm(y2A, bn2.mean(), bn2.variance(), sg, zero, BatchNorm.EPS, y2A);
            be.maxOverGroups(y2A, k, pooledA);
            DeviceArray ag = absGamma.get(dt, 1, out);
            be.copy(bn2.gamma().value(), ag);
            be.binary(BinaryOp.MULTIPLY, ag, sg, ag);
            be.binary(BinaryOp.MULTIPLY, pooledA, ag, res);
            be.binary(BinaryOp.ADD, res, bn2.beta().value(), res);
        } else {
            bn2.evalStatistics();
            bn2.apply(y2A, y2A);
            be.maxOverGroups(y2A, k, res);
        }
        be.unary(UnaryOp.RELU, res, res);
        lap("local.fwd.bn2+pool", t);
        return res;
    }

    /**
     * Backward pass from {@code dOut[groups, Cout]}; writes all parameter gradients and returns the
     * gradient w.r.t. the source features {@code [sourceRows, Cin]} (owned by this layer).
     */
    public DeviceArray backward(DeviceArray dOut) {
        if (!trained) {
            throw new IllegalStateException("backward needs a training forward pass");
        }
        long g = nb.groups();
        long k = nb.k();
        long r = g * k;
        DeviceArray y2Full = y2.current();
        DeviceArray y2A = y2Full.rows(0, r);
        DeviceArray h1A = h1.current();
        DeviceArray y1A = y1.current();
        DeviceArray res = result.current();
        DeviceArray sg = sign.current();
        DeviceArray inv2 = bn2.invStd();
        DeviceArray gamma2 = bn2.gamma().value();

        long t = Profiler.start();
        // ---- BN2 + ReLU2 + max, on pooled values
        DeviceArray gzA = gz.get(dt, g, out);
        be.unary(UnaryOp.STEP, res, gzA);
        be.binary(BinaryOp.MULTIPLY, gzA, dOut, gzA);
        DeviceArray sumGz = bn2.beta().grad();
        be.sumColumns(gzA, sumGz);
        DeviceArray prod = small.get(dt, g, out);
        be.binary(BinaryOp.MULTIPLY, gzA, pooled.current(), prod);
        DeviceArray q = vec.get(dt, 1, out);
        be.sumColumns(prod, q);
        DeviceArray dGamma2 = bn2.gamma().grad();
        be.copy(q, dGamma2);
        be.binary(BinaryOp.MULTIPLY, dGamma2, sg, dGamma2);
        DeviceArray gInv = vec2.get(dt, 1, out);
        be.copy(gamma2, gInv);
        be.binary(BinaryOp.MULTIPLY, gInv, inv2, gInv);
        // sparse part: (γ·inv)·gz at each group's argmax
        be.binary(BinaryOp.MULTIPLY, gzA, gInv, gzA);
        DeviceArray d = buffers.scratch(0, dt, r, out);
        be.maxOverGroupsBackward(y2A, gzA, k, d);
        // dense part: x~ · (−γ·inv·q/R) − γ·inv·Σgz/R, with q, Σgz and R over all workers' rows when
        // the batch-norm statistics are shared (the parameter gradients above stay this worker's)
        DeviceArray sumGzAll = vec3.get(dt, 1, out);
        be.copy(sumGz, sumGzAll);
        bn2.shareBackwardSums(q, sumGzAll);
        double rows = bn2.statisticsRows();
        be.binary(BinaryOp.MULTIPLY, q, gInv, q);
        be.scalar(ScalarOp.DIVIDE, q, -rows, q);
        be.binary(BinaryOp.MULTIPLY, y2A, q, y2A);
        be.binary(BinaryOp.MULTIPLY, gInv, sumGzAll, gInv);
        be.scalar(ScalarOp.DIVIDE, gInv, -rows, gInv);
        be.binary(BinaryOp.ADD, y2A, gInv, y2A);
        be.binary(BinaryOp.ADD, d, y2A, d);
        t = lap("local.bwd.bn2+pool", t);

        // ---- conv2
        be.gemm(d, h1A, w2.grad(), true, false, 1.0, 0.0);
        DeviceArray dh1 = y2A; // x~ no longer needed
        be.gemm(d, w2.value(), dh1, false, false, 1.0, 0.0);
        t = lap("local.bwd.conv2", t);

        // ---- ReLU1 + BN1 (scratch d is free again)
        be.unary(UnaryOp.STEP, h1A, d);
        be.binary(BinaryOp.MULTIPLY, dh1, d, dh1);
        bn1.backward(dh1, y1A, d);
        DeviceArray dy1 = dh1;
        t = lap("local.bwd.relu1+bn1", t);

        // ---- gather backward: neighbours and centres
        int src = nb.sourceRows();
        DeviceArray dAA = dA.get(dt, src, out);
        scatter(nb.neighbourPlan(), ScatterPlan.mode() == ScatterPlan.Mode.PLAN ? null : neighbourIdx.current(),
                y2Full, r, dAA, out, 0);
        t = lap("local.bwd.scatter", t);
        DeviceArray dBcA = dBc.get(dt, g, out);
        be.meanOverGroups(dy1, k, dBcA);
        be.scalar(ScalarOp.MULTIPLY, dBcA, k, dBcA);

        // ---- W1 = [W1a | W1b]:  dW1b = dBcᵀ xc ; dW1a = dAᵀ x − dBcᵀ xc
        DeviceArray xcA = xc.current();
        be.gemm(dBcA, xcA, w1b(w1.grad()), true, false, 1.0, 0.0);
        be.gemm(dBcA, xcA, w1a(w1.grad()), true, false, -1.0, 0.0);
        be.gemm(dAA, x, w1a(w1.grad()), true, false, 1.0, 1.0);

        // ---- dx = dA W1a + scatter_c(dBc (W1b − W1a))
        DeviceArray dxA = dx.get(dt, src, in);
        be.gemm(dAA, w1a(w1.value()), dxA, false, false, 1.0, 0.0);
        DeviceArray dxcFull = dxc.get(dt, g + 1, in);
        be.fill(dxcFull.row(g), 0);
        be.gemm(dBcA, wd.current(), dxcFull.rows(0, g), false, false, 1.0, 0.0);
        DeviceArray scat = dxcScattered.get(dt, src, in);
        scatter(nb.centrePlan(), ScatterPlan.mode() == ScatterPlan.Mode.PLAN ? null : centreIdx.current(),
                dxcFull, g, scat, in, 1);
        be.binary(BinaryOp.ADD, dxA, scat, dxA);
        lap("local.bwd.conv1", t);
        return dxA;
    }

    /**
     * {@code out = scatter-add of the first {@code rows} rows of {@code srcExt} by the indices}, with
     * the strategy chosen by {@link ScatterPlan#mode()} ({@code idx} is null for the plan).
     */
    private void scatter(ScatterPlan plan, DeviceArray idx, DeviceArray srcExt, long rows, DeviceArray outArr,
                         int cols, int which) {
        if (idx == null) {
            int base = which * 64;
            DeviceArray acc = planSlot(base + 62).get(dt, plan.targets(), cols);
            Buffer workBuf = planSlot(base + 63);
            DeviceArray work = workBuf.current();
            if (work == null || work.rows() < plan.maxBucketRows() || work.columns() != cols) {
                work = workBuf.get(dt, Math.max(plan.maxBucketRows(), work == null ? 0 : work.rows()), cols);
            }
            plan.apply(srcExt, outArr, acc, work, (slot, n) -> planSlot(base + slot).get(DType.INT, n));
        } else {
            be.scatterAddRows(srcExt.rows(0, rows), idx, outArr);
        }
    }

    /** Buffers of the plan backward: 0–61 indices, 62 the accumulator, 63 the work rows (per scatter). */
    private Buffer planSlot(int slot) {
        while (planIdx.size() <= slot) {
            planIdx.add(buffers.buffer(name + ".plan" + planIdx.size()));
        }
        return planIdx.get(slot);
    }

    private static long lap(String section, long t0) {
        Profiler.section(section, t0);
        return Profiler.start();
    }
}
