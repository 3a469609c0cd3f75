package org.pointea.models.attention;

import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BinaryOp;
import org.pointea.models.backend.Buffer;
import org.pointea.models.backend.BufferRegistry;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.ScalarOp;
import org.pointea.models.nn.Linear;
import org.pointea.models.nn.Param;
import org.pointea.models.nn.ParamStore;

/**
 * External Attention (Guo, Liu, Mu, Hu: "Beyond Self-attention: External Attention using Two Linear
 * Layers for Visual Tasks", <a href="https://arxiv.org/abs/2105.02358">arXiv 2105.02358</a>) over
 * the points of each cloud, as used in pointea's PCT:
 * <pre>
 *   q    = x W_qᵀ + b_q                                  [N, C]
 *   α̃_h  = q_h M_kᵀ                                      [N, S]   per head h (q_h = channels of h)
 *   α̂_h  = softmax over the N points (per slot)
 *   α_h  = α̂_h / (1e-9 + Σ_s α̂_h)                       L1 over the S slots (per point)
 *   out_h = α_h M_v                                      [N, C/H]
 * </pre>
 * One memory pair {@code M_k [S, C/H]}, {@code M_v} is shared by all heads (EANet's multi-head
 * form); with {@code tied}, {@code M_v = M_kᵀ} is the same parameter (EANet's segmentation head).
 * Cost and memory are linear in N. Parameters: {@code name.q.weight/bias}, {@code name.mk.weight
 * [S, C/H]}, {@code name.mv.weight [C/H, S]} (absent when tied).
 *
 * <pre>{@code
 * Mixer ea = MixerConfig.external().create(params, buffers, "ea", 256);
 * DeviceArray y = ea.forward(x, batch, points, true);   // x: [batch*points, 256]
 * }</pre>
 */
public final class ExternalAttention implements Mixer {
    /** Added to the slot sums before dividing (as the official EANet code). */
    public static final double EPS = 1e-9;

    private final Backend be;
    private final int channels;
    private final int heads;
    private final int slots;
    private final int d;
    private final MixerConfig config;
    private final DType dt;
    private final Linear q;
    private final Param mk;
    private final Param mv;
    private final Buffer[] prob;
    private final Buffer[] attn;
    private final Buffer[] norm;
    private final Buffer out;
    private final Buffer headOut;
    private final Buffer dA;
    private final Buffer prod;
    private final Buffer w;
    private final Buffer v;
    private final Buffer dq;
    private final Buffer dqHead;
    private int batch;
    private int points;
    private DeviceArray qOut;

    ExternalAttention(ParamStore ps, BufferRegistry buffers, String name, int channels, MixerConfig config) {
        this.be = ps.backend();
        this.channels = channels;
        this.heads = config.heads();
        this.slots = config.slots();
        this.d = channels / heads;
        this.config = config;
        this.dt = ps.dtype();
        this.q = new Linear(ps, buffers, name + ".q_conv", channels, true, channels);
        this.mk = ps.add(name + ".mk.weight", Param.fanIn(d), slots, d);
        this.mv = config.tied() ? null : ps.add(name + ".mv.weight", Param.fanIn(slots), d, slots);
        this.prob = new Buffer[heads];
        this.attn = new Buffer[heads];
        this.norm = new Buffer[heads];
        for (int h = 0; h < heads; h++) {
            prob[h] = buffers.buffer(name + ".prob" + h);
            attn[h] = buffers.buffer(name + ".attn" + h);
            norm[h] = buffers.buffer(name + ".norm" + h);
        }
        this.out = buffers.buffer(name + ".out");
        this.headOut = heads > 1 ? buffers.buffer(name + ".headOut") : null;
        this.dA = buffers.buffer(name + ".dA");
        this.prod = buffers.buffer(name + ".prod");
        this.w = buffers.buffer(name + ".slotSums");
        this.v = buffers.buffer(name + ".pointSums");
        this.dq = buffers.buffer(name + ".dq");
        this.dqHead = heads > 1 ? buffers.buffer(name + ".dqHead") : null;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public MixerConfig config() {
        return config;
    }

    private DeviceArray headCols(DeviceArray a, int h) {
        return heads == 1 ? a : a.columns((long) h * d, (long) (h + 1) * d);
    }

    @Override
    public DeviceArray forward(DeviceArray x, int batch, int points, boolean training) {
        this.batch = batch;
        this.points = points;
        long rows = (long) batch * points;
        qOut = q.forward(x);
        DeviceArray o = out.get(dt, rows, channels);
        for (int h = 0; h < heads; h++) {
            DeviceArray p = prob[h].get(dt, slots, rows);
            be.gemm(mk.value(), headCols(qOut, h), p, false, true, 1.0, 0.0);        // [S, B·N]
            DeviceArray pr = p.reshape((long) slots * batch, points);
            be.softmax(pr, pr);                                                      // over the points of each cloud
            DeviceArray n = norm[h].get(dt, 1, rows);
            be.sumColumns(p, n);                                                     // Σ over slots
            be.scalar(ScalarOp.ADD, n, EPS, n);
            DeviceArray a = attn[h].get(dt, slots, rows);
            be.copy(p, a);
            be.binary(BinaryOp.DIVIDE, a, n, a);
            DeviceArray target = heads == 1 ? o : headOut.get(dt, rows, d);
            if (mv == null) {
                be.gemm(a, mk.value(), target, true, false, 1.0, 0.0);             // α M_k  (M_v = M_kᵀ)
            } else {
                be.gemm(a, mv.value(), target, true, true, 1.0, 0.0);              // α M_vᵀ
            }
            if (heads > 1) {
                be.copy(target, headCols(o, h));
            }
        }
        return o;
    }

    @Override
    public DeviceArray backward(DeviceArray dOut) {
        long rows = (long) batch * points;
        DeviceArray dqA = dq.get(dt, rows, channels);
        for (int h = 0; h < heads; h++) {
            DeviceArray doh = headCols(dOut, h);
            DeviceArray a = attn[h].current();
            DeviceArray p = prob[h].current();
            DeviceArray n = norm[h].current();
            double beta = h == 0 ? 0.0 : 1.0;
            // value memory
            DeviceArray dAA = dA.get(dt, slots, rows);
            if (mv == null) {
                be.gemm(a, doh, mk.grad(), false, false, 1.0, beta);                 // dM_k += α dout
                be.gemm(mk.value(), doh, dAA, false, true, 1.0, 0.0);
            } else {
                be.gemm(doh, a, mv.grad(), true, true, 1.0, beta);                   // dM_v += doutᵀ αᵀ
                be.gemm(mv.value(), doh, dAA, true, true, 1.0, 0.0);
            }
            // L1 over slots: dP = (dA − Σ_s dA·α) / n
            DeviceArray pr = prod.get(dt, slots, rows);
            be.binary(BinaryOp.MULTIPLY, dAA, a, pr);
            DeviceArray ww = w.get(dt, 1, rows);
            be.sumColumns(pr, ww);
            be.binary(BinaryOp.SUBTRACT, dAA, ww, dAA);
            be.binary(BinaryOp.DIVIDE, dAA, n, dAA);
            // softmax over points: dL = P (dP − Σ_points dP·P)
            DeviceArray dP2 = dAA.reshape((long) slots * batch, points);
            DeviceArray p2 = p.reshape((long) slots * batch, points);
            DeviceArray pr2 = pr.reshape((long) slots * batch, points);
            be.binary(BinaryOp.MULTIPLY, dP2, p2, pr2);
            DeviceArray vv = v.get(dt, (long) slots * batch, 1);
            be.sumRows(pr2, vv);
            be.binary(BinaryOp.SUBTRACT, dP2, vv, dP2);
            be.binary(BinaryOp.MULTIPLY, dP2, p2, dP2);
            // logits = M_k q_hᵀ
            boolean accumulateMk = mv == null || h > 0;
            be.gemm(dAA, headCols(qOut, h), mk.grad(), false, false, 1.0, accumulateMk ? 1.0 : 0.0);
            DeviceArray target = heads == 1 ? dqA : dqHead.get(dt, rows, d);
            be.gemm(dAA, mk.value(), target, true, false, 1.0, 0.0);
            if (heads > 1) {
                be.copy(target, headCols(dqA, h));
            }
        }
        return q.backward(dqA)[0];
    }
}
