package org.pointea.models.attention;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pointea.models.nn.Buf;
import org.pointea.models.nn.Linear;
import org.pointea.models.nn.Ops;
import org.pointea.models.nn.ParamStore;

/**
 * The self-attention inside PCT's offset-attention layer (Guo et al., "PCT: Point Cloud
 * Transformer", <a href="https://arxiv.org/abs/2012.09688">arXiv 2012.09688</a>), exactly as the
 * reference {@code SA_Layer}:
 * <pre>
 *   q = k = x W_qkᵀ                [N, C/4]   (one shared weight, no bias)
 *   v = x W_vᵀ + b_v               [N, C]
 *   E = q kᵀ                       [N, N]     (no 1/√d scale)
 *   A = softmax over j, then A[i,j] /= 1e-9 + Σ_i A[i,j]
 *   out[j] = Σ_i A[i,j] v[i]
 * </pre>
 * {@link AttentionLayer} subtracts this from its input (the "offset"). Quadratic in N.
 * Parameters: {@code name.q.weight [C/4, C]}, {@code name.v.weight}, {@code name.v.bias}.
 */
public final class OffsetAttention implements Mixer {
    /** Added to the column sums before dividing. */
    public static final double EPS = 1e-9;

    private final int channels;
    private final int qk;
    private final MixerConfig config;
    private final DataType dt;
    private final Linear q;
    private final Linear v;
    private final Buf prob = new Buf();
    private final Buf attn = new Buf();
    private final Buf colSum = new Buf();
    private final Buf out = new Buf();
    private final Buf dAttn = new Buf();
    private final Buf prod = new Buf();
    private final Buf w = new Buf();
    private final Buf rowSum = new Buf();
    private final Buf dq = new Buf();
    private final Buf dv = new Buf();
    private final Buf dx = new Buf();
    private final Buf ones = new Buf();
    private final Buf dqT = new Buf();
    private int batch;
    private int points;
    private INDArray qOut;
    private INDArray vOut;

    OffsetAttention(ParamStore ps, String name, int channels, MixerConfig config) {
        if (channels % 4 != 0) {
            throw new IllegalArgumentException("offset attention needs channels divisible by 4, got " + channels);
        }
        this.channels = channels;
        this.qk = channels / 4;
        this.config = config;
        this.dt = ps.dtype();
        this.q = new Linear(ps, name + ".q_conv", qk, false, channels);
        this.v = new Linear(ps, name + ".v_conv", channels, true, channels);
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public MixerConfig config() {
        return config;
    }

    private INDArray ones3() {
        INDArray o = ones.get(dt, batch, 1, points);
        return o;
    }

    @Override
    public INDArray forward(INDArray x, int batch, int points, boolean training) {
        boolean reshaped = this.batch != batch || this.points != points;
        this.batch = batch;
        this.points = points;
        if (reshaped || ones.current() == null) {
            ones.get(dt, batch, 1, points).assign(1);
        }
        qOut = q.forward(x);
        vOut = v.forward(x);
        INDArray q3 = qOut.reshape(batch, points, qk);
        INDArray p = prob.get(dt, batch, points, points);
        Ops.bmm(q3, q3, p, false, true);
        Ops.softmaxRows(p.reshape((long) batch * points, points), p.reshape((long) batch * points, points));
        INDArray c = colSum.get(dt, batch, 1, points);
        Ops.bmm(ones3(), p, c, false, false);
        c.addi(EPS);
        INDArray a = attn.get(dt, batch, points, points);
        Ops.broadcast("divide", p, c, a);
        INDArray o = out.get(dt, (long) batch * points, channels);
        Ops.bmm(a, vOut.reshape(batch, points, channels), o.reshape(batch, points, channels), true, false);
        return o;
    }

    @Override
    public INDArray backward(INDArray dOut) {
        INDArray d3 = dOut.reshape(batch, points, channels);
        INDArray a = attn.current();
        INDArray p = prob.current();
        INDArray dA = dAttn.get(dt, batch, points, points);
        Ops.bmm(vOut.reshape(batch, points, channels), d3, dA, false, true);
        INDArray dvA = dv.get(dt, (long) batch * points, channels);
        Ops.bmm(a, d3, dvA.reshape(batch, points, channels), false, false);
        // L1 over i (columns): dP = (dA − Σ_i dA·A) / c
        INDArray pr = prod.get(dt, batch, points, points);
        Ops.mul(dA, a, pr);
        INDArray ww = w.get(dt, batch, 1, points);
        Ops.bmm(ones3(), pr, ww, false, false);
        Ops.broadcast("subtract", dA, ww, dA);
        Ops.broadcast("divide", dA, colSum.current(), dA);
        // softmax over j (rows): dE = P (dP − Σ_j dP·P)
        long rows = (long) batch * points;
        INDArray dA2 = dA.reshape(rows, points);
        INDArray p2 = p.reshape(rows, points);
        INDArray pr2 = pr.reshape(rows, points);
        Ops.mul(dA2, p2, pr2);
        INDArray rs = rowSum.get(dt, rows, 1);
        Ops.rowSums(pr2, rs);
        dA2.subiColumnVector(rs).muli(p2);
        // E = q qᵀ: dq = (dE + dEᵀ) q
        INDArray q3 = qOut.reshape(batch, points, qk);
        INDArray dqA = dq.get(dt, rows, qk);
        INDArray dq3 = dqA.reshape(batch, points, qk);
        Ops.bmm(dA, q3, dq3, false, false);
        INDArray tmp = dqT.get(dt, rows, qk);
        Ops.bmm(dA, q3, tmp.reshape(batch, points, qk), true, false);
        dqA.addi(tmp);
        INDArray dxq = q.backward(dqA)[0];
        INDArray dxv = v.backward(dvA)[0];
        INDArray r = dx.get(dt, rows, channels);
        Ops.broadcast("add", dxq, dxv, r);
        return r;
    }

    @Override
    public void close() {
        q.close();
        v.close();
        for (Buf b : new Buf[] {prob, attn, colSum, out, dAttn, prod, w, rowSum, dq, dv, dx, ones, dqT}) {
            b.close();
        }
    }
}
