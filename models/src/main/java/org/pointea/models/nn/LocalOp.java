package org.pointea.models.nn;

import org.pointea.models.backend.Profiler;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

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
 * pooling's sparse scatter. All ops are ND4J natives; the neighbour-gather backward uses a
 * {@link ScatterPlan}.
 *
 * <p>Parameters (PyTorch names): {@code name.conv1.weight [Cout, 2Cin]}, {@code name.bn1.*},
 * {@code name.conv2.weight [Cout, Cout]}, {@code name.bn2.*}.
 */
public final class LocalOp implements AutoCloseable {
    private final int in;
    private final int out;
    private final Param w1;
    private final Param w2;
    private final BatchNorm bn1;
    private final BatchNorm bn2;
    private final Scratch scratch;
    private final DataType dt;

    private final Buf xc = new Buf();
    private final Buf a = new Buf();
    private final Buf bc = new Buf();
    private final Buf wd = new Buf();
    private final Buf y1 = new Buf();
    private final Buf h1 = new Buf();
    private final Buf y2 = new Buf();
    private final Buf pooled = new Buf();
    private final Buf result = new Buf();
    private final Buf sign = new Buf();
    private final Buf absGamma = new Buf();
    // backward
    private final Buf gz = new Buf();
    private final Buf small = new Buf();
    private final Buf vec = new Buf();
    private final Buf vec2 = new Buf();
    private final Buf dA = new Buf();
    private final Buf dBc = new Buf();
    private final Buf dxc = new Buf();
    private final Buf dxcScattered = new Buf();
    private final Buf dx = new Buf();

    private INDArray x;
    private Neighborhoods nb;
    private boolean trained;

    /** Registers the parameters under {@code name}. */
    public LocalOp(ParamStore ps, Scratch scratch, String name, int in, int out) {
        this.in = in;
        this.out = out;
        this.scratch = scratch;
        this.dt = ps.dtype();
        this.w1 = ps.add(name + ".conv1.weight", Param.fanIn(2L * in), out, 2L * in);
        this.bn1 = new BatchNorm(ps, name + ".bn1", out);
        this.w2 = ps.add(name + ".conv2.weight", Param.fanIn(out), out, out);
        this.bn2 = new BatchNorm(ps, name + ".bn2", out);
    }

    /** Output channels. */
    public int outChannels() {
        return out;
    }

    private INDArray w1a(INDArray w) {
        return w.get(NDArrayIndex.all(), NDArrayIndex.interval(0, in));
    }

    private INDArray w1b(INDArray w) {
        return w.get(NDArrayIndex.all(), NDArrayIndex.interval(in, 2 * in));
    }

    /**
     * Forward pass over source features {@code x[sourceRows, Cin]}; returns {@code [groups, Cout]}
     * (owned by this layer). Keeps {@code x} and {@code nb} for the backward pass.
     */
    public INDArray forward(INDArray x, Neighborhoods nb, boolean training) {
        if (x.columns() != in || x.rows() != nb.sourceRows()) {
            throw new IllegalArgumentException("features " + java.util.Arrays.toString(x.shape())
                    + " do not match " + nb.sourceRows() + " x " + in);
        }
        this.x = x;
        this.nb = nb;
        this.trained = training;
        long g = nb.groups();
        long k = nb.k();
        long r = g * k;
        INDArray w = w1.value();
        // W1 [x_n - x_c ; x_c] = W1a x_n + (W1b - W1a) x_c
        INDArray xcA = xc.get(dt, g, in);
        Ops.gatherRows(x, nb.centres(), xcA);
        INDArray wdA = wd.get(dt, out, in);
        wdA.assign(w1b(w)).subi(w1a(w));
        INDArray aA = a.get(dt, x.rows(), out);
        Ops.gemm(x, w1a(w), aA, false, true);
        INDArray bcA = bc.get(dt, g, out);
        Ops.gemm(xcA, wdA, bcA, false, true);
        INDArray y1A = y1.get(dt, r, out);
        long t = Profiler.start();
        Ops.gatherRows(aA, nb.neighbours(), y1A);
        Ops.addToGroups(y1A, bcA, k);
        t = lap("local.fwd.gather", t);

        INDArray s = scratch.get(0, dt, r, out);
        INDArray h1A = h1.get(dt, r, out);
        if (training) {
            bn1.trainStatistics(y1A, s);
        } else {
            bn1.evalStatistics();
        }
        bn1.apply(y1A, h1A);
        Ops.relu(h1A, h1A);
        t = lap("local.fwd.bn1+relu", t);

        // one extra, zero, row: the scatter plan's padding source (the buffer later holds dL/dy1)
        INDArray y2Full = y2.get(dt, r + 1, out);
        y2Full.getRow(r).assign(0);
        INDArray y2A = rowsView(y2Full, r);
        Ops.gemm(h1A, w2.value(), y2A, false, true);
        t = lap("local.fwd.conv2", t);
        INDArray pooledA = pooled.get(dt, g, out);
        INDArray res = result.get(dt, g, out);
        if (training) {
            bn2.trainStatistics(y2A, s);
            // x~ = sign(γ) · x̂ in place; max over the group; out = relu(|γ| max + β)
            INDArray sg = sign.get(dt, 1, out);
            Ops.step(bn2.gamma().value(), sg);
            sg.muli(2).subi(1);
            INDArray zero = vec.get(dt, 1, out).assign(0);
            BatchNorm.normalise(y2A, bn2.mean(), bn2.variance(), sg, zero, y2A);
            Ops.maxOverGroups(y2A, k, pooledA);
            INDArray ag = absGamma.get(dt, 1, out);
            ag.assign(bn2.gamma().value()).muli(sg);
            Ops.mulRow(pooledA, ag, res);
            res.addiRowVector(bn2.beta().value());
        } else {
            bn2.evalStatistics();
            bn2.apply(y2A, y2A);
            Ops.maxOverGroups(y2A, k, res);
        }
        Ops.relu(res, res);
        lap("local.fwd.bn2+pool", t);
        return res;
    }

    /**
     * Backward pass from {@code dOut[groups, Cout]}; writes all parameter gradients and returns the
     * gradient w.r.t. the source features {@code [sourceRows, Cin]} (owned by this layer).
     */
    public INDArray backward(INDArray dOut) {
        if (!trained) {
            throw new IllegalStateException("backward needs a training forward pass");
        }
        long g = nb.groups();
        long k = nb.k();
        long r = g * k;
        double rows = r;
        INDArray y2Full = y2.current();
        INDArray y2A = rowsView(y2Full, r);
        INDArray h1A = h1.current();
        INDArray y1A = y1.current();
        INDArray res = result.current();
        INDArray sg = sign.current();
        INDArray inv2 = bn2.invStd();
        INDArray gamma2 = bn2.gamma().value();

        long t = Profiler.start();
        // ---- BN2 + ReLU2 + max, on pooled values
        INDArray gzA = gz.get(dt, g, out);
        Ops.step(res, gzA);
        gzA.muli(dOut);
        INDArray sumGz = bn2.beta().grad();
        Ops.columnSums(gzA, sumGz);
        INDArray prod = small.get(dt, g, out);
        Ops.mul(gzA, pooled.current(), prod);
        INDArray q = vec.get(dt, 1, out);
        Ops.columnSums(prod, q);
        bn2.gamma().grad().assign(q).muli(sg);
        INDArray gInv = vec2.get(dt, 1, out);
        gInv.assign(gamma2).muli(inv2);
        // sparse part: (γ·inv)·gz at each group's argmax
        gzA.muliRowVector(gInv);
        INDArray d = scratch.get(0, dt, r, out);
        Ops.maxOverGroupsBackward(y2A, gzA, k, d);
        // dense part: x~ · (−γ·inv·q/R) − γ·inv·Σgz/R
        q.muli(gInv).divi(-rows);
        y2A.muliRowVector(q);
        INDArray k3 = gInv.muli(sumGz).divi(-rows);
        y2A.addiRowVector(k3);
        d.addi(y2A);
        t = lap("local.bwd.bn2+pool", t);

        // ---- conv2
        Ops.gemm(d, h1A, w2.grad(), true, false);
        INDArray dh1 = y2A; // x~ no longer needed
        Ops.gemm(d, w2.value(), dh1, false, false);
        t = lap("local.bwd.conv2", t);

        // ---- ReLU1 + BN1 (scratch d is free again)
        Ops.step(h1A, d);
        dh1.muli(d);
        bn1.backward(dh1, y1A, d);
        INDArray dy1 = dh1;
        t = lap("local.bwd.relu1+bn1", t);

        // ---- gather backward: neighbours and centres
        int src = nb.sourceRows();
        INDArray dAA = dA.get(dt, src, out);
        scatter(nb.neighbourPlan(), nb.neighbours(), y2Full, r, dAA, out);
        t = lap("local.bwd.scatter", t);
        INDArray dBcA = dBc.get(dt, g, out);
        Ops.meanOverGroups(dy1, k, dBcA);
        dBcA.muli(k);

        // ---- W1 = [W1a | W1b]:  dW1b = dBcᵀ xc ; dW1a = dAᵀ x − dBcᵀ xc
        INDArray xcA = xc.current();
        Ops.gemm(dBcA, xcA, w1b(w1.grad()), true, false);
        Ops.gemm(dBcA, xcA, w1a(w1.grad()), true, false, -1.0, 0.0);
        Ops.gemm(dAA, x, w1a(w1.grad()), true, false, 1.0, 1.0);

        // ---- dx = dA W1a + scatter_c(dBc (W1b − W1a))
        INDArray dxA = dx.get(dt, src, in);
        Ops.gemm(dAA, w1a(w1.value()), dxA, false, false);
        INDArray dxcFull = dxc.get(dt, g + 1, in);
        dxcFull.getRow(g).assign(0);
        Ops.gemm(dBcA, wd.current(), rowsView(dxcFull, g), false, false);
        INDArray scat = dxcScattered.get(dt, src, in);
        scatter(nb.centrePlan(), nb.centres(), dxcFull, g, scat, in);
        dxA.addi(scat);
        lap("local.bwd.conv1", t);
        return dxA;
    }

    /**
     * {@code out = scatter-add of the first {@code rows} rows of {@code srcExt} by {@code idx}}, with
     * the strategy chosen by {@link ScatterPlan#mode()}.
     */
    private void scatter(ScatterPlan plan, INDArray idx, INDArray srcExt, long rows, INDArray outArr, int cols) {
        if (ScatterPlan.mode() == ScatterPlan.Mode.PLAN) {
            plan.apply(srcExt, outArr, scratch.get(1, dt, plan.targets(), cols),
                    scratch.get(2, dt, plan.maxBucketRows(), cols));
        } else {
            outArr.assign(0);
            Ops.exec("scatter_add", new INDArray[] {outArr, idx, rowsView(srcExt, rows)}, new INDArray[] {outArr},
                    null, null);
        }
    }

    private static INDArray rowsView(INDArray a, long rows) {
        return a.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all());
    }

    private static long lap(String section, long t0) {
        Profiler.section(section, t0);
        return Profiler.start();
    }

    @Override
    public void close() {
        for (Buf b : new Buf[] {xc, a, bc, wd, y1, h1, y2, pooled, result, sign, absGamma, gz, small, vec, vec2,
                dA, dBc, dxc, dxcScattered, dx}) {
            b.close();
        }
    }
}
