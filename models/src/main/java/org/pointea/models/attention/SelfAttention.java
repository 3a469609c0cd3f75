package org.pointea.models.attention;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pointea.models.nn.Buf;
import org.pointea.models.nn.Linear;
import org.pointea.models.nn.Ops;
import org.pointea.models.nn.ParamStore;

/**
 * Scaled dot-product multi-head self-attention (Vaswani et al., "Attention Is All You Need",
 * <a href="https://arxiv.org/abs/1706.03762">arXiv 1706.03762</a>) over the points of each cloud:
 * {@code out = concat_h(softmax(q_h k_hᵀ / √d) v_h) W_oᵀ + b_o} with {@code q, k, v} linear maps
 * with bias. The baseline whose N×N cost External and UFO attention avoid. Parameters:
 * {@code name.q/k/v/o.weight} and {@code .bias}.
 */
public final class SelfAttention implements Mixer {
    private final int channels;
    private final int heads;
    private final int d;
    private final MixerConfig config;
    private final DataType dt;
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear o;
    private final Buf qh = new Buf();
    private final Buf kh = new Buf();
    private final Buf vh = new Buf();
    private final Buf prob = new Buf();
    private final Buf ctx = new Buf();
    private final Buf merged = new Buf();
    private final Buf dctx = new Buf();
    private final Buf dP = new Buf();
    private final Buf prod = new Buf();
    private final Buf rowSum = new Buf();
    private final Buf dqh = new Buf();
    private final Buf dkh = new Buf();
    private final Buf dvh = new Buf();
    private final Buf dqr = new Buf();
    private final Buf dkr = new Buf();
    private final Buf dvr = new Buf();
    private final Buf dx = new Buf();
    private int batch;
    private int points;

    SelfAttention(ParamStore ps, String name, int channels, MixerConfig config) {
        this.channels = channels;
        this.heads = config.heads();
        this.d = channels / heads;
        this.config = config;
        this.dt = ps.dtype();
        this.q = new Linear(ps, name + ".q_conv", channels, true, channels);
        this.k = new Linear(ps, name + ".k_conv", channels, true, channels);
        this.v = new Linear(ps, name + ".v_conv", channels, true, channels);
        this.o = new Linear(ps, name + ".o_conv", channels, true, channels);
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public MixerConfig config() {
        return config;
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
        INDArray p = prob.get(dt, bh, points, points);
        Ops.bmm(qs, ks, p, false, true);
        p.muli(1.0 / Math.sqrt(d));
        INDArray p2 = p.reshape(bh * points, points);
        Ops.softmaxRows(p2, p2);
        INDArray c = ctx.get(dt, bh, points, d);
        Ops.bmm(p, vs, c, false, false);
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
        INDArray p = prob.current();
        INDArray dPA = dP.get(dt, bh, points, points);
        Ops.bmm(dc, vh.current(), dPA, false, true);
        INDArray dvs = dvh.get(dt, bh, points, d);
        Ops.bmm(p, dc, dvs, true, false);
        INDArray dP2 = dPA.reshape(bh * points, points);
        INDArray p2 = p.reshape(bh * points, points);
        INDArray pr = prod.get(dt, bh * points, points);
        Ops.mul(dP2, p2, pr);
        INDArray rs = rowSum.get(dt, bh * points, 1);
        Ops.rowSums(pr, rs);
        dP2.subiColumnVector(rs).muli(p2).muli(1.0 / Math.sqrt(d));
        INDArray dqs = dqh.get(dt, bh, points, d);
        INDArray dks = dkh.get(dt, bh, points, d);
        Ops.bmm(dPA, kh.current(), dqs, false, false);
        Ops.bmm(dPA, qh.current(), dks, true, false);
        INDArray dqRows = dqr.get(dt, rows, channels);
        INDArray dkRows = dkr.get(dt, rows, channels);
        INDArray dvRows = dvr.get(dt, rows, channels);
        Heads.merge(dqs, batch, points, heads, dqRows);
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
        for (Buf b : new Buf[] {qh, kh, vh, prob, ctx, merged, dctx, dP, prod, rowSum, dqh, dkh, dvh, dqr, dkr, dvr,
                dx}) {
            b.close();
        }
    }
}
