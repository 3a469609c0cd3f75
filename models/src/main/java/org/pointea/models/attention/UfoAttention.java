package org.pointea.models.attention;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pointea.models.nn.Buf;
import org.pointea.models.nn.Linear;
import org.pointea.models.nn.Ops;
import org.pointea.models.nn.Param;
import org.pointea.models.nn.ParamStore;

/**
 * UFO attention (Song, "UFO-ViT: High Performance Linear Vision Transformer without Softmax",
 * <a href="https://arxiv.org/abs/2109.14382">arXiv 2109.14382</a>), per head h with {@code d = C/H}:
 * <pre>
 *   q, k, v = x W_{q,k,v}ᵀ + b                 [N, d] per head
 *   kv   = kᵀ v                                  [d, d]   (linear in N)
 *   out_h = XNorm(q, γ_h) · XNorm(kv, γ_h)       [N, d]
 *   out  = concat_h(out_h) W_oᵀ + b_o
 *   XNorm(x, γ) = γ x / sqrt(Σ x² + 1e-12)       (over the last axis: each query row, each kv row)
 * </pre>
 * as the public reference implementation (one learnable γ per head, shared by both XNorms; no
 * softmax, no 1/√d). The 1e-12 guards an all-zero row; γ starts at 1. Parameters:
 * {@code name.q/k/v/o.weight} and {@code .bias}, {@code name.gamma [1, H]}.
 */
public final class UfoAttention implements Mixer {
    /** Added under the square root of XNorm. */
    public static final double EPS = 1e-12;

    private final int channels;
    private final int heads;
    private final int d;
    private final MixerConfig config;
    private final DataType dt;
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear o;
    private final Param gamma;
    private final Buf qh = new Buf();
    private final Buf kh = new Buf();
    private final Buf vh = new Buf();
    private final Buf kv = new Buf();
    private final Buf qn = new Buf();
    private final Buf kvn = new Buf();
    private final Buf qNorm = new Buf();
    private final Buf kvNorm = new Buf();
    private final Buf qScale = new Buf();
    private final Buf kvScale = new Buf();
    private final Buf ctx = new Buf();
    private final Buf merged = new Buf();
    private final Buf sqQ = new Buf();
    private final Buf sqKv = new Buf();
    private final Buf dctx = new Buf();
    private final Buf dqn = new Buf();
    private final Buf dkvn = new Buf();
    private final Buf uQ = new Buf();
    private final Buf uKv = new Buf();
    private final Buf coefQ = new Buf();
    private final Buf coefKv = new Buf();
    private final Buf dkh = new Buf();
    private final Buf dvh = new Buf();
    private final Buf dqr = new Buf();
    private final Buf dkr = new Buf();
    private final Buf dvr = new Buf();
    private final Buf dx = new Buf();
    private final Buf gsum = new Buf();
    private int batch;
    private int points;

    UfoAttention(ParamStore ps, String name, int channels, MixerConfig config) {
        this.channels = channels;
        this.heads = config.heads();
        this.d = channels / heads;
        this.config = config;
        this.dt = ps.dtype();
        this.q = new Linear(ps, name + ".q_conv", channels, true, channels);
        this.k = new Linear(ps, name + ".k_conv", channels, true, channels);
        this.v = new Linear(ps, name + ".v_conv", channels, true, channels);
        this.o = new Linear(ps, name + ".o_conv", channels, true, channels);
        this.gamma = ps.add(name + ".gamma", new Param.Constant(1.0), 1, heads);
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public MixerConfig config() {
        return config;
    }

    /**
     * y = γ_h x / n row-wise; {@code perHead} rows of x belong to each (batch, head) block.
     * Stores the norms and scales for the backward pass.
     */
    private void xnorm(INDArray x2, long perHead, INDArray sq, INDArray norm, INDArray scale, INDArray y) {
        long rows = x2.rows();
        Ops.mul(x2, x2, sq);
        Ops.rowSums(sq, norm);
        norm.addi(EPS);
        Transforms.sqrt(norm, false);
        // scale = γ_h / n
        INDArray s3 = scale.reshape(batch, heads, perHead);
        s3.assign(1.0).divi(norm.reshape(batch, heads, perHead));
        Ops.broadcast("multiply", s3, gamma.value().reshape(1, heads, 1), s3);
        Ops.broadcast("multiply", x2, scale.reshape(rows, 1), y);
    }

    /**
     * Backward of {@link #xnorm}: {@code dy} becomes dx in place; adds this XNorm's share of dγ into
     * {@code gsum [1, H]}.
     */
    private void xnormBackward(INDArray dy, INDArray x2, long perHead, INDArray norm, INDArray scale,
                               INDArray sq, INDArray gSum, Buf u, Buf coef) {
        long rows = x2.rows();
        INDArray uu = u.get(dt, rows, 1);
        Ops.mul(dy, x2, sq);
        Ops.rowSums(sq, uu);
        INDArray c = coef.get(dt, rows, 1);
        // coef = scale · u / n²
        c.assign(uu).divi(norm).divi(norm).muli(scale);
        // dγ_h += Σ u / n
        uu.divi(norm);
        INDArray part = uu.reshape(batch, heads, perHead).sum(0, 2).reshape(1, heads);
        gSum.addi(part);
        part.close();
        Ops.broadcast("multiply", dy, scale, dy);
        Ops.broadcast("multiply", x2, c, sq);
        dy.subi(sq);
    }

    @Override
    public INDArray forward(INDArray x, int batch, int points, boolean training) {
        this.batch = batch;
        this.points = points;
        long bh = (long) batch * heads;
        INDArray qs = qh.get(dt, bh, points, d);
        INDArray ks = kh.get(dt, bh, points, d);
        INDArray vs = vh.get(dt, bh, points, d);
        Heads.split(q.forward(x), batch, points, heads, qs);
        Heads.split(k.forward(x), batch, points, heads, ks);
        Heads.split(v.forward(x), batch, points, heads, vs);
        INDArray kvA = kv.get(dt, bh, d, d);
        Ops.bmm(ks, vs, kvA, true, false);
        INDArray kvnA = kvn.get(dt, bh, d, d);
        xnorm(kvA.reshape(bh * d, d), d, sqKv.get(dt, bh * d, d), kvNorm.get(dt, bh * d, 1),
                kvScale.get(dt, bh * d, 1), kvnA.reshape(bh * d, d));
        INDArray qnA = qn.get(dt, bh, points, d);
        xnorm(qs.reshape(bh * points, d), points, sqQ.get(dt, bh * points, d), qNorm.get(dt, bh * points, 1),
                qScale.get(dt, bh * points, 1), qnA.reshape(bh * points, d));
        INDArray c = ctx.get(dt, bh, points, d);
        Ops.bmm(qnA, kvnA, c, false, false);
        INDArray m = merged.get(dt, (long) batch * points, channels);
        Heads.merge(c, batch, points, heads, m);
        return o.forward(m);
    }

    @Override
    public INDArray backward(INDArray dOut) {
        long bh = (long) batch * heads;
        long rows = (long) batch * points;
        INDArray dm = o.backward(dOut)[0];
        INDArray dc = dctx.get(dt, bh, points, d);
        Heads.split(dm, batch, points, heads, dc);
        INDArray dq = dqn.get(dt, bh, points, d);
        Ops.bmm(dc, kvn.current(), dq, false, true);
        INDArray dkv = dkvn.get(dt, bh, d, d);
        Ops.bmm(qn.current(), dc, dkv, true, false);
        INDArray gs = gsum.get(dt, 1, heads).assign(0);
        xnormBackward(dq.reshape(bh * points, d), qh.current().reshape(bh * points, d), points, qNorm.current(),
                qScale.current(), sqQ.current(), gs, uQ, coefQ);
        xnormBackward(dkv.reshape(bh * d, d), kv.current().reshape(bh * d, d), d, kvNorm.current(),
                kvScale.current(), sqKv.current(), gs, uKv, coefKv);
        gamma.grad().assign(gs);
        // kv = kᵀ v
        INDArray dks = dkh.get(dt, bh, points, d);
        INDArray dvs = dvh.get(dt, bh, points, d);
        Ops.bmm(vh.current(), dkv, dks, false, true);
        Ops.bmm(kh.current(), dkv, dvs, false, false);
        INDArray dqRows = dqr.get(dt, rows, channels);
        INDArray dkRows = dkr.get(dt, rows, channels);
        INDArray dvRows = dvr.get(dt, rows, channels);
        Heads.merge(dq, batch, points, heads, dqRows);
        Heads.merge(dks, batch, points, heads, dkRows);
        Heads.merge(dvs, batch, points, heads, dvRows);
        INDArray r = dx.get(dt, rows, channels);
        r.assign(q.backward(dqRows)[0]);
        r.addi(k.backward(dkRows)[0]);
        r.addi(v.backward(dvRows)[0]);
        return r;
    }

    @Override
    public void close() {
        for (Linear l : new Linear[] {q, k, v, o}) {
            l.close();
        }
        for (Buf b : new Buf[] {qh, kh, vh, kv, qn, kvn, qNorm, kvNorm, qScale, kvScale, ctx, merged, sqQ, sqKv, dctx,
                dqn, dkvn, uQ, uKv, coefQ, coefKv, dkh, dvh, dqr, dkr, dvr, dx, gsum}) {
            b.close();
        }
    }
}
