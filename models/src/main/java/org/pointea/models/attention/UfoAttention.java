package org.pointea.models.attention;

import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BinaryOp;
import org.pointea.models.backend.Buffer;
import org.pointea.models.backend.BufferRegistry;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.ScalarOp;
import org.pointea.models.backend.UnaryOp;
import org.pointea.models.nn.Linear;
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
    private static final int[] BATCH_AND_ROWS = {0, 2};

    private final Backend be;
    private final int channels;
    private final int heads;
    private final int d;
    private final MixerConfig config;
    private final DType dt;
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear o;
    private final Param gamma;
    private final Buffer qh;
    private final Buffer kh;
    private final Buffer vh;
    private final Buffer kv;
    private final Buffer qn;
    private final Buffer kvn;
    private final Buffer qNorm;
    private final Buffer kvNorm;
    private final Buffer qScale;
    private final Buffer kvScale;
    private final Buffer ctx;
    private final Buffer merged;
    private final Buffer sqQ;
    private final Buffer sqKv;
    private final Buffer dctx;
    private final Buffer dqn;
    private final Buffer dkvn;
    private final Buffer uQ;
    private final Buffer uKv;
    private final Buffer coefQ;
    private final Buffer coefKv;
    private final Buffer dkh;
    private final Buffer dvh;
    private final Buffer dqr;
    private final Buffer dkr;
    private final Buffer dvr;
    private final Buffer dx;
    private final Buffer gsum;
    private final Buffer gpart;
    private int batch;
    private int points;

    UfoAttention(ParamStore ps, BufferRegistry buffers, String name, int channels, MixerConfig config) {
        this.be = ps.backend();
        this.channels = channels;
        this.heads = config.heads();
        this.d = channels / heads;
        this.config = config;
        this.dt = ps.dtype();
        this.q = new Linear(ps, buffers, name + ".q_conv", channels, true, channels);
        this.k = new Linear(ps, buffers, name + ".k_conv", channels, true, channels);
        this.v = new Linear(ps, buffers, name + ".v_conv", channels, true, channels);
        this.o = new Linear(ps, buffers, name + ".o_conv", channels, true, channels);
        this.gamma = ps.add(name + ".gamma", new Param.Constant(1.0), 1, heads);
        this.qh = buffers.buffer(name + ".qHeads");
        this.kh = buffers.buffer(name + ".kHeads");
        this.vh = buffers.buffer(name + ".vHeads");
        this.kv = buffers.buffer(name + ".kv");
        this.qn = buffers.buffer(name + ".qNormed");
        this.kvn = buffers.buffer(name + ".kvNormed");
        this.qNorm = buffers.buffer(name + ".qNorm");
        this.kvNorm = buffers.buffer(name + ".kvNorm");
        this.qScale = buffers.buffer(name + ".qScale");
        this.kvScale = buffers.buffer(name + ".kvScale");
        this.ctx = buffers.buffer(name + ".ctx");
        this.merged = buffers.buffer(name + ".merged");
        this.sqQ = buffers.buffer(name + ".qSquares");
        this.sqKv = buffers.buffer(name + ".kvSquares");
        this.dctx = buffers.buffer(name + ".dctx");
        this.dqn = buffers.buffer(name + ".dqNormed");
        this.dkvn = buffers.buffer(name + ".dkvNormed");
        this.uQ = buffers.buffer(name + ".qDots");
        this.uKv = buffers.buffer(name + ".kvDots");
        this.coefQ = buffers.buffer(name + ".qCoef");
        this.coefKv = buffers.buffer(name + ".kvCoef");
        this.dkh = buffers.buffer(name + ".dkHeads");
        this.dvh = buffers.buffer(name + ".dvHeads");
        this.dqr = buffers.buffer(name + ".dqRows");
        this.dkr = buffers.buffer(name + ".dkRows");
        this.dvr = buffers.buffer(name + ".dvRows");
        this.dx = buffers.buffer(name + ".dx");
        this.gsum = buffers.buffer(name + ".dGamma");
        this.gpart = buffers.buffer(name + ".dGammaPart");
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
    private void xnorm(DeviceArray x2, long perHead, DeviceArray sq, DeviceArray norm, DeviceArray scale,
                       DeviceArray y) {
        long rows = x2.rows();
        be.binary(BinaryOp.MULTIPLY, x2, x2, sq);
        be.sumRows(sq, norm);
        be.scalar(ScalarOp.ADD, norm, EPS, norm);
        be.unary(UnaryOp.SQRT, norm, norm);
        // scale = γ_h / n
        DeviceArray s3 = scale.reshape(batch, heads, perHead);
        be.fill(s3, 1.0);
        be.binary(BinaryOp.DIVIDE, s3, norm.reshape(batch, heads, perHead), s3);
        be.binary(BinaryOp.MULTIPLY, s3, gamma.value().reshape(1, heads, 1), s3);
        be.binary(BinaryOp.MULTIPLY, x2, scale.reshape(rows, 1), y);
    }

    /**
     * Backward of {@link #xnorm}: {@code dy} becomes dx in place; adds this XNorm's share of dγ into
     * {@code gSum [1, H]}.
     */
    private void xnormBackward(DeviceArray dy, DeviceArray x2, long perHead, DeviceArray norm, DeviceArray scale,
                               DeviceArray sq, DeviceArray gSum, Buffer u, Buffer coef) {
        long rows = x2.rows();
        DeviceArray uu = u.get(dt, rows, 1);
        be.binary(BinaryOp.MULTIPLY, dy, x2, sq);
        be.sumRows(sq, uu);
        DeviceArray c = coef.get(dt, rows, 1);
        // coef = scale · u / n²
        be.copy(uu, c);
        be.binary(BinaryOp.DIVIDE, c, norm, c);
        be.binary(BinaryOp.DIVIDE, c, norm, c);
        be.binary(BinaryOp.MULTIPLY, c, scale, c);
        // dγ_h += Σ u / n
        be.binary(BinaryOp.DIVIDE, uu, norm, uu);
        DeviceArray part = gpart.get(dt, 1, heads);
        be.sum(uu.reshape(batch, heads, perHead), BATCH_AND_ROWS, part);
        be.binary(BinaryOp.ADD, gSum, part, gSum);
        be.binary(BinaryOp.MULTIPLY, dy, scale, dy);
        be.binary(BinaryOp.MULTIPLY, x2, c, sq);
        be.binary(BinaryOp.SUBTRACT, dy, sq, dy);
    }

    @Override
    public DeviceArray forward(DeviceArray x, int batch, int points, boolean training) {
        this.batch = batch;
        this.points = points;
        long bh = (long) batch * heads;
        DeviceArray qs = qh.get(dt, bh, points, d);
        DeviceArray ks = kh.get(dt, bh, points, d);
        DeviceArray vs = vh.get(dt, bh, points, d);
        Heads.split(q.forward(x), batch, points, heads, qs);
        Heads.split(k.forward(x), batch, points, heads, ks);
        Heads.split(v.forward(x), batch, points, heads, vs);
        DeviceArray kvA = kv.get(dt, bh, d, d);
        be.batchedGemm(ks, vs, kvA, true, false);
        DeviceArray kvnA = kvn.get(dt, bh, d, d);
        xnorm(kvA.reshape(bh * d, d), d, sqKv.get(dt, bh * d, d), kvNorm.get(dt, bh * d, 1),
                kvScale.get(dt, bh * d, 1), kvnA.reshape(bh * d, d));
        DeviceArray qnA = qn.get(dt, bh, points, d);
        xnorm(qs.reshape(bh * points, d), points, sqQ.get(dt, bh * points, d), qNorm.get(dt, bh * points, 1),
                qScale.get(dt, bh * points, 1), qnA.reshape(bh * points, d));
        DeviceArray c = ctx.get(dt, bh, points, d);
        be.batchedGemm(qnA, kvnA, c, false, false);
        DeviceArray m = merged.get(dt, (long) batch * points, channels);
        Heads.merge(c, batch, points, heads, m);
        return o.forward(m);
    }

    @Override
    public DeviceArray backward(DeviceArray dOut) {
        long bh = (long) batch * heads;
        long rows = (long) batch * points;
        DeviceArray dm = o.backward(dOut)[0];
        DeviceArray dc = dctx.get(dt, bh, points, d);
        Heads.split(dm, batch, points, heads, dc);
        DeviceArray dq = dqn.get(dt, bh, points, d);
        be.batchedGemm(dc, kvn.current(), dq, false, true);
        DeviceArray dkv = dkvn.get(dt, bh, d, d);
        be.batchedGemm(qn.current(), dc, dkv, true, false);
        DeviceArray gs = gsum.get(dt, 1, heads);
        be.fill(gs, 0);
        xnormBackward(dq.reshape(bh * points, d), qh.current().reshape(bh * points, d), points, qNorm.current(),
                qScale.current(), sqQ.current(), gs, uQ, coefQ);
        xnormBackward(dkv.reshape(bh * d, d), kv.current().reshape(bh * d, d), d, kvNorm.current(),
                kvScale.current(), sqKv.current(), gs, uKv, coefKv);
        be.copy(gs, gamma.grad());
        // kv = kᵀ v
        DeviceArray dks = dkh.get(dt, bh, points, d);
        DeviceArray dvs = dvh.get(dt, bh, points, d);
        be.batchedGemm(vh.current(), dkv, dks, false, true);
        be.batchedGemm(kh.current(), dkv, dvs, false, false);
        DeviceArray dqRows = dqr.get(dt, rows, channels);
        DeviceArray dkRows = dkr.get(dt, rows, channels);
        DeviceArray dvRows = dvr.get(dt, rows, channels);
        Heads.merge(dq, batch, points, heads, dqRows);
        Heads.merge(dks, batch, points, heads, dkRows);
        Heads.merge(dvs, batch, points, heads, dvRows);
        DeviceArray r = dx.get(dt, rows, channels);
        be.copy(q.backward(dqRows)[0], r);
        be.binary(BinaryOp.ADD, r, k.backward(dkRows)[0], r);
        be.binary(BinaryOp.ADD, r, v.backward(dvRows)[0], r);
        return r;
    }
}
