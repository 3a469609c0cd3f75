package org.pointea.models.attention;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pointea.models.nn.Activation;
import org.pointea.models.nn.BnAct;
import org.pointea.models.nn.Buf;
import org.pointea.models.nn.Linear;
import org.pointea.models.nn.Ops;
import org.pointea.models.nn.ParamStore;
import org.pointea.models.nn.Scratch;

/**
 * PCT's attention layer around any {@link Mixer}:
 * {@code out = x + ReLU(BN(T(u)))} with {@code u = x − mixer(x)} for offset attention (PCT's
 * "offset", a Laplacian-like term) and {@code u = mixer(x)} otherwise. {@code T} is a pointwise
 * linear map (with a bias for offset attention, as PCT's {@code trans_conv}; without for the others,
 * as it is followed by batch norm). Parameters: the mixer's, {@code name.t.weight} (+ bias),
 * {@code name.bn.*}.
 */
public final class AttentionLayer implements AutoCloseable {
    private final Mixer mixer;
    private final boolean offset;
    private final Linear t;
    private final BnAct bnAct;
    private final DataType dt;
    private final Buf u = new Buf();
    private final Buf out = new Buf();
    private final Buf dh = new Buf();
    private final Buf dx = new Buf();

    /** Builds the layer and its mixer over {@code channels}, parameters under {@code name}. */
    public AttentionLayer(ParamStore ps, Scratch scratch, String name, int channels, MixerConfig config) {
        this.mixer = config.create(ps, scratch, name, channels);
        this.offset = config.kind() == MixerKind.OFFSET;
        this.t = new Linear(ps, name + ".trans_conv", channels, offset, channels);
        this.bnAct = new BnAct(ps, scratch, name + ".after_norm", channels, Activation.RELU);
        this.dt = ps.dtype();
    }

    /** The mixer inside. */
    public Mixer mixer() {
        return mixer;
    }

    /** Forward over {@code x[batch·points, C]}; returns an array owned by this layer. */
    public INDArray forward(INDArray x, int batch, int points, boolean training) {
        INDArray r = mixer.forward(x, batch, points, training);
        INDArray in = r;
        if (offset) {
            in = u.get(dt, x.shape());
            Ops.broadcast("subtract", x, r, in);
        }
        INDArray h = bnAct.forward(t.forward(in), training);
        INDArray o = out.get(dt, x.shape());
        Ops.broadcast("add", x, h, o);
        return o;
    }

    /** Backward; does not modify {@code dOut}; returns {@code dL/dx} (owned by this layer). */
    public INDArray backward(INDArray dOut) {
        INDArray g = dh.get(dt, dOut.shape()).assign(dOut);
        INDArray du = t.backward(bnAct.backward(g))[0];
        INDArray d = dx.get(dt, dOut.shape());
        if (offset) {
            Ops.broadcast("add", dOut, du, d);
            du.negi();
            d.addi(mixer.backward(du));
        } else {
            Ops.broadcast("add", dOut, mixer.backward(du), d);
        }
        return d;
    }

    @Override
    public void close() {
        mixer.close();
        t.close();
        bnAct.close();
        for (Buf b : new Buf[] {u, out, dh, dx}) {
            b.close();
        }
    }
}
