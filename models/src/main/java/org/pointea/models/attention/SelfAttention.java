package org.pointea.models.attention;

import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BinaryOp;
import org.pointea.models.backend.Buffer;
import org.pointea.models.backend.BufferRegistry;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.ScalarOp;
import org.pointea.models.nn.Linear;
import org.pointea.models.nn.ParamStore;

/**
 * Scaled dot-product multi-head self-attention (Vaswani et al., "Attention Is All You Need",
 * <a href="https://arxiv.org/abs/1706.03762">arXiv 1706.03762</a>) over the points of each cloud:
 * {@code out = concat_h(softmax(q_h k_hᵀ / √d) v_h) W_oᵀ + b_o} with {@code q, k, v} linear maps
 * with bias. The baseline whose N×N cost External and UFO attention avoid. Parameters:
 * {@code name.q/k/v/o.weight} and {@code .bias}.
 */
public final class SelfAttention implements Mixer {
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
    private final Buffer qh;
    private final Buffer kh;
    private final Buffer vh;
    private final Buffer prob;
    private final Buffer ctx;
    private final Buffer merged;
    private final Buffer dctx;
    private final Buffer dP;
    private final Buffer prod;
    private final Buffer rowSum;
    private final Buffer dqh;
    private final Buffer dkh;
    private final Buffer dvh;
    private final Buffer dqr;
    private final Buffer dkr;
    private final Buffer dvr;
    private final Buffer dx;
    private int batch;
    private int points;

    SelfAttention(ParamStore ps, BufferRegistry buffers, String name, int channels, MixerConfig config) {
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
        this.qh = buffers.buffer(name + ".qHeads");
        this.kh = buffers.buffer(name + ".kHeads");
        this.vh = buffers.buffer(name + ".vHeads");
        this.prob = buffers.buffer(name + ".prob");
        this.ctx = buffers.buffer(name + ".ctx");
        this.merged = buffers.buffer(name + ".merged");
        this.dctx = buffers.buffer(name + ".dctx");
        this.dP = buffers.buffer(name + ".dP");
        this.prod = buffers.buffer(name + ".prod");
        this.rowSum = buffers.buffer(name + ".rowSum");
        this.dqh = buffers.buffer(name + ".dqHeads");
        this.dkh = buffers.buffer(name + ".dkHeads");
        this.dvh = buffers.buffer(name + ".dvHeads");
        this.dqr = buffers.buffer(name + ".dqRows");
        this.dkr = buffers.buffer(name + ".dkRows");
        this.dvr = buffers.buffer(name + ".dvRows");
        this.dx = buffers.buffer(name + ".dx");
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
        DeviceArray p = prob.get(dt, bh, points, points);
        be.batchedGemm(qs, ks, p, false, true);
        be.scalar(ScalarOp.MULTIPLY, p, 1.0 / Math.sqrt(d), p);
        DeviceArray p2 = p.reshape(bh * points, points);
        be.softmax(p2, p2);
        DeviceArray c = ctx.get(dt, bh, points, d);
        be.batchedGemm(p, vs, c, false, false);
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
        DeviceArray p = prob.current();
        DeviceArray dPA = dP.get(dt, bh, points, points);
        be.batchedGemm(dc, vh.current(), dPA, false, true);
        DeviceArray dvs = dvh.get(dt, bh, points, d);
        be.batchedGemm(p, dc, dvs, true, false);
        DeviceArray dP2 = dPA.reshape(bh * points, points);
        DeviceArray p2 = p.reshape(bh * points, points);
        DeviceArray pr = prod.get(dt, bh * points, points);
        be.binary(BinaryOp.MULTIPLY, dP2, p2, pr);
        DeviceArray rs = rowSum.get(dt, bh * points, 1);
        be.sumRows(pr, rs);
        be.binary(BinaryOp.SUBTRACT, dP2, rs, dP2);
        be.binary(BinaryOp.MULTIPLY, dP2, p2, dP2);
        be.scalar(ScalarOp.MULTIPLY, dP2, 1.0 / Math.sqrt(d), dP2);
        DeviceArray dqs = dqh.get(dt, bh, points, d);
        DeviceArray dks = dkh.get(dt, bh, points, d);
        be.batchedGemm(dPA, kh.current(), dqs, false, false);
        be.batchedGemm(dPA, qh.current(), dks, true, false);
        DeviceArray dqRows = dqr.get(dt, rows, channels);
        DeviceArray dkRows = dkr.get(dt, rows, channels);
        DeviceArray dvRows = dvr.get(dt, rows, channels);
        Heads.merge(dqs, batch, points, heads, dqRows);
        Heads.merge(dks, batch, points, heads, dkRows);
        Heads.merge(dvs, batch, points, heads, dvRows);
        DeviceArray r = dx.get(dt, rows, channels);
        be.copy(q.backward(dqRows)[0], r);
        be.binary(BinaryOp.ADD, r, k.backward(dkRows)[0], r);
        be.binary(BinaryOp.ADD, r, v.backward(dvRows)[0], r);
        return r;
    }
}
