package org.pointea.models.attention;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.pointea.models.nn.Buf;
import org.pointea.models.nn.Linear;
import org.pointea.models.nn.Ops;
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
 * Mixer ea = MixerConfig.external().create(params, scratch, "ea", 256);
 * INDArray y = ea.forward(x, batch, points, true);   // x: [batch*points, 256]
 * }</pre>
 */
public final class ExternalAttention implements Mixer {
    /** Added to the slot sums before dividing (as the official EANet code). */
    public static final double EPS = 1e-9;

    private final int channels;
    private final int heads;
    private final int slots;
    private final int d;
    private final MixerConfig config;
    private final DataType dt;
    private final Linear q;
    private final Param mk;
    private final Param mv;
    private final Buf[] prob;
    private final Buf[] attn;
    private final Buf[] norm;
    private final Buf out = new Buf();
    private final Buf headOut = new Buf();
    private final Buf dA = new Buf();
    private final Buf prod = new Buf();
    private final Buf w = new Buf();
    private final Buf v = new Buf();
    private final Buf dq = new Buf();
    private final Buf dqHead = new Buf();
    private final Buf dmvTmp = new Buf();
    private final Buf dmkTmp = new Buf();
    private int batch;
    private int points;
    private INDArray qOut;

    ExternalAttention(ParamStore ps, String name, int channels, MixerConfig config) {
        this.channels = channels;
        this.heads = config.heads();
        this.slots = config.slots();
        this.d = channels / heads;
        this.config = config;
        this.dt = ps.dtype();
        this.q = new Linear(ps, name + ".q_conv", channels, true, channels);
        this.mk = ps.add(name + ".mk.weight", Param.fanIn(d), slots, d);
        this.mv = config.tied() ? null : ps.add(name + ".mv.weight", Param.fanIn(slots), d, slots);
        this.prob = new Buf[heads];
        this.attn = new Buf[heads];
        this.norm = new Buf[heads];
        for (int h = 0; h < heads; h++) {
            prob[h] = new Buf();
            attn[h] = new Buf();
            norm[h] = new Buf();
        }
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public MixerConfig config() {
        return config;
    }

    private INDArray headCols(INDArray a, int h) {
        return heads == 1 ? a : a.get(NDArrayIndex.all(), NDArrayIndex.interval((long) h * d, (long) (h + 1) * d));
    }

    @Override
    public INDArray forward(INDArray x, int batch, int points, boolean training) {
        this.batch = batch;
        this.points = points;
        long rows = (long) batch * points;
        qOut = q.forward(x);
        INDArray o = out.get(dt, rows, channels);
        for (int h = 0; h < heads; h++) {
            INDArray p = prob[h].get(dt, slots, rows);
            Ops.gemm(mk.value(), headCols(qOut, h), p, false, true);        // [S, B·N]
            INDArray pr = p.reshape((long) slots * batch, points);
            Ops.softmaxRows(pr, pr);                                         // over the points of each cloud
            INDArray n = norm[h].get(dt, 1, rows);
            Ops.gemm(Ops.onesRow(dt, slots), p, n, false, false);           // Σ over slots
            n.addi(EPS);
            INDArray a = attn[h].get(dt, slots, rows);
            a.assign(p).diviRowVector(n);
            INDArray target = heads == 1 ? o : headOut.get(dt, rows, d);
            if (mv == null) {
                Ops.gemm(a, mk.value(), target, true, false);                // α M_k  (M_v = M_kᵀ)
            } else {
                Ops.gemm(a, mv.value(), target, true, true);                 // α M_vᵀ
            }
            if (heads > 1) {
                headCols(o, h).assign(target);
            }
        }
        return o;
    }

    @Override
    public INDArray backward(INDArray dOut) {
        long rows = (long) batch * points;
        INDArray dqA = dq.get(dt, rows, channels);
        for (int h = 0; h < heads; h++) {
            INDArray doh = headCols(dOut, h);
            INDArray a = attn[h].current();
            INDArray p = prob[h].current();
            INDArray n = norm[h].current();
            double beta = h == 0 ? 0.0 : 1.0;
            // value memory
            INDArray dAA = dA.get(dt, slots, rows);
            if (mv == null) {
                Ops.gemm(a, doh, mk.grad(), false, false, 1.0, beta);        // dM_k += α dout
                Ops.gemm(mk.value(), doh, dAA, false, true);
            } else {
                Ops.gemm(doh, a, mv.grad(), true, true, 1.0, beta);          // dM_v += doutᵀ αᵀ
                Ops.gemm(mv.value(), doh, dAA, true, true);
            }
            // L1 over slots: dP = (dA − Σ_s dA·α) / n
            INDArray pr = prod.get(dt, slots, rows);
            Ops.mul(dAA, a, pr);
            INDArray ww = w.get(dt, 1, rows);
            Ops.gemm(Ops.onesRow(dt, slots), pr, ww, false, false);
            dAA.subiRowVector(ww).diviRowVector(n);
            // softmax over points: dL = P (dP − Σ_points dP·P)
            INDArray dP2 = dAA.reshape((long) slots * batch, points);
            INDArray p2 = p.reshape((long) slots * batch, points);
            INDArray pr2 = pr.reshape((long) slots * batch, points);
            Ops.mul(dP2, p2, pr2);
            INDArray vv = v.get(dt, (long) slots * batch, 1);
            Ops.rowSums(pr2, vv);
            dP2.subiColumnVector(vv).muli(p2);
            // logits = M_k q_hᵀ
            boolean accumulateMk = mv == null || h > 0;
            Ops.gemm(dAA, headCols(qOut, h), mk.grad(), false, false, 1.0, accumulateMk ? 1.0 : 0.0);
            INDArray target = heads == 1 ? dqA : dqHead.get(dt, rows, d);
            Ops.gemm(dAA, mk.value(), target, true, false);
            if (heads > 1) {
                headCols(dqA, h).assign(target);
            }
        }
        return q.backward(dqA)[0];
    }

    @Override
    public void close() {
        q.close();
        for (int h = 0; h < heads; h++) {
            prob[h].close();
            attn[h].close();
            norm[h].close();
        }
        for (Buf b : new Buf[] {out, headOut, dA, prod, w, v, dq, dqHead, dmvTmp, dmkTmp}) {
            b.close();
        }
    }
}
