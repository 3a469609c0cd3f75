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

    private final Backend be;
    private final int channels;
    private final int qk;
    private final MixerConfig config;
    private final DType dt;
    private final Linear q;
    private final Linear v;
    private final Buffer prob;
    private final Buffer attn;
    private final Buffer colSum;
    private final Buffer out;
    private final Buffer dAttn;
    private final Buffer prod;
    private final Buffer w;
    private final Buffer rowSum;
    private final Buffer dq;
    private final Buffer dv;
    private final Buffer dx;
    private final Buffer ones;
    private final Buffer dqT;
    private int batch;
    private int points;
    private DeviceArray qOut;
    private DeviceArray vOut;

    OffsetAttention(ParamStore ps, BufferRegistry buffers, String name, int channels, MixerConfig config) {
        if (channels % 4 != 0) {
            throw new IllegalArgumentException("offset attention needs channels divisible by 4, got " + channels);
        }
        this.be = ps.backend();
        this.channels = channels;
        this.qk = channels / 4;
        this.config = config;
        this.dt = ps.dtype();
        this.q = new Linear(ps, buffers, name + ".q_conv", qk, false, channels);
        this.v = new Linear(ps, buffers, name + ".v_conv", channels, true, channels);
        this.prob = buffers.buffer(name + ".prob");
        this.attn = buffers.buffer(name + ".attn");
        this.colSum = buffers.buffer(name + ".colSum");
        this.out = buffers.buffer(name + ".out");
        this.dAttn = buffers.buffer(name + ".dAttn");
        this.prod = buffers.buffer(name + ".prod");
        this.w = buffers.buffer(name + ".w");
        this.rowSum = buffers.buffer(name + ".rowSum");
        this.dq = buffers.buffer(name + ".dq");
        this.dv = buffers.buffer(name + ".dv");
        this.dx = buffers.buffer(name + ".dx");
        this.ones = buffers.buffer(name + ".ones");
        this.dqT = buffers.buffer(name + ".dqT");
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public MixerConfig config() {
        return config;
    }

    /** A {@code [B, 1, N]} array of ones (column sums as a batched product). */
    private DeviceArray ones3() {
        boolean fresh = ones.current() == null || ones.current().size(0) != batch || ones.current().size(2) != points;
        DeviceArray o = ones.get(dt, batch, 1, points);
        if (fresh) {
            be.fill(o, 1);
        }
        return o;
    }

    @Override
    public DeviceArray forward(DeviceArray x, int batch, int points, boolean training) {
        this.batch = batch;
        this.points = points;
        DeviceArray one = ones3();
        qOut = q.forward(x);
        vOut = v.forward(x);
        DeviceArray q3 = qOut.reshape(batch, points, qk);
        DeviceArray p = prob.get(dt, batch, points, points);
        be.batchedGemm(q3, q3, p, false, true);
        DeviceArray p2 = p.reshape((long) batch * points, points);
        be.softmax(p2, p2);
        DeviceArray c = colSum.get(dt, batch, 1, points);
        be.batchedGemm(one, p, c, false, false);
        be.scalar(ScalarOp.ADD, c, EPS, c);
        DeviceArray a = attn.get(dt, batch, points, points);
        be.binary(BinaryOp.DIVIDE, p, c, a);
        DeviceArray o = out.get(dt, (long) batch * points, channels);
        be.batchedGemm(a, vOut.reshape(batch, points, channels), o.reshape(batch, points, channels), true, false);
        return o;
    }

    @Override
    public DeviceArray backward(DeviceArray dOut) {
        DeviceArray d3 = dOut.reshape(batch, points, channels);
        DeviceArray a = attn.current();
        DeviceArray p = prob.current();
        DeviceArray dA = dAttn.get(dt, batch, points, points);
        be.batchedGemm(vOut.reshape(batch, points, channels), d3, dA, false, true);
        DeviceArray dvA = dv.get(dt, (long) batch * points, channels);
        be.batchedGemm(a, d3, dvA.reshape(batch, points, channels), false, false);
        // L1 over i (columns): dP = (dA − Σ_i dA·A) / c
        DeviceArray pr = prod.get(dt, batch, points, points);
        be.binary(BinaryOp.MULTIPLY, dA, a, pr);
        DeviceArray ww = w.get(dt, batch, 1, points);
        be.batchedGemm(ones3(), pr, ww, false, false);
        be.binary(BinaryOp.SUBTRACT, dA, ww, dA);
        be.binary(BinaryOp.DIVIDE, dA, colSum.current(), dA);
        // softmax over j (rows): dE = P (dP − Σ_j dP·P)
        long rows = (long) batch * points;
        DeviceArray dA2 = dA.reshape(rows, points);
        DeviceArray p2 = p.reshape(rows, points);
        DeviceArray pr2 = pr.reshape(rows, points);
        be.binary(BinaryOp.MULTIPLY, dA2, p2, pr2);
        DeviceArray rs = rowSum.get(dt, rows, 1);
        be.sumRows(pr2, rs);
        be.binary(BinaryOp.SUBTRACT, dA2, rs, dA2);
        be.binary(BinaryOp.MULTIPLY, dA2, p2, dA2);
        // E = q qᵀ: dq = (dE + dEᵀ) q
        DeviceArray q3 = qOut.reshape(batch, points, qk);
        DeviceArray dqA = dq.get(dt, rows, qk);
        DeviceArray dq3 = dqA.reshape(batch, points, qk);
        be.batchedGemm(dA, q3, dq3, false, false);
        DeviceArray tmp = dqT.get(dt, rows, qk);
        be.batchedGemm(dA, q3, tmp.reshape(batch, points, qk), true, false);
        be.binary(BinaryOp.ADD, dqA, tmp, dqA);
        DeviceArray dxq = q.backward(dqA)[0];
        DeviceArray dxv = v.backward(dvA)[0];
        DeviceArray r = dx.get(dt, rows, channels);
        be.binary(BinaryOp.ADD, dxq, dxv, r);
        return r;
    }
}
