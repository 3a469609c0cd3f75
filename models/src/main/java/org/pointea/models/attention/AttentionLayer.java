package org.pointea.models.attention;

import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BinaryOp;
import org.pointea.models.backend.Buffer;
import org.pointea.models.backend.BufferRegistry;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.UnaryOp;
import org.pointea.models.nn.Activation;
import org.pointea.models.nn.BnAct;
import org.pointea.models.nn.Linear;
import org.pointea.models.nn.ParamStore;

/**
 * PCT's attention layer around any {@link Mixer}:
 * {@code out = x + ReLU(BN(T(u)))} with {@code u = x − mixer(x)} for offset attention (PCT's
 * "offset", a Laplacian-like term) and {@code u = mixer(x)} otherwise. {@code T} is a pointwise
 * linear map (with a bias for offset attention, as PCT's {@code trans_conv}; without for the others,
 * as it is followed by batch norm). Parameters: the mixer's, {@code name.t.weight} (+ bias),
 * {@code name.bn.*}.
 */
public final class AttentionLayer {
    private final Backend be;
    private final Mixer mixer;
    private final boolean offset;
    private final Linear t;
    private final BnAct bnAct;
    private final DType dt;
    private final Buffer u;
    private final Buffer out;
    private final Buffer dh;
    private final Buffer dx;

    /** Builds the layer and its mixer over {@code channels}, parameters under {@code name}. */
    public AttentionLayer(ParamStore ps, BufferRegistry buffers, String name, int channels, MixerConfig config) {
        this.be = ps.backend();
        this.mixer = config.create(ps, buffers, name, channels);
        this.offset = config.kind() == MixerKind.OFFSET;
        this.t = new Linear(ps, buffers, name + ".trans_conv", channels, offset, channels);
        this.bnAct = new BnAct(ps, buffers, name + ".after_norm", channels, Activation.RELU);
        this.dt = ps.dtype();
        this.u = offset ? buffers.buffer(name + ".layer.offset") : null;
        this.out = buffers.buffer(name + ".layer.out");
        this.dh = buffers.buffer(name + ".layer.dh");
        this.dx = buffers.buffer(name + ".layer.dx");
    }

    /** The mixer inside. */
    public Mixer mixer() {
        return mixer;
    }

    /** Forward over {@code x[batch·points, C]}; returns an array owned by this layer. */
    public DeviceArray forward(DeviceArray x, int batch, int points, boolean training) {
        DeviceArray r = mixer.forward(x, batch, points, training);
        DeviceArray in = r;
        if (offset) {
            in = u.get(dt, x.shape());
            be.binary(BinaryOp.SUBTRACT, x, r, in);
        }
        DeviceArray h = bnAct.forward(t.forward(in), training);
        DeviceArray o = out.get(dt, x.shape());
        be.binary(BinaryOp.ADD, x, h, o);
        return o;
    }

    /** Backward; does not modify {@code dOut}; returns {@code dL/dx} (owned by this layer). */
    public DeviceArray backward(DeviceArray dOut) {
        DeviceArray g = dh.get(dt, dOut.shape());
        be.copy(dOut, g);
        DeviceArray du = t.backward(bnAct.backward(g))[0];
        DeviceArray d = dx.get(dt, dOut.shape());
        if (offset) {
            be.binary(BinaryOp.ADD, dOut, du, d);
            be.unary(UnaryOp.NEGATE, du, du);
            be.binary(BinaryOp.ADD, d, mixer.backward(du), d);
        } else {
            be.binary(BinaryOp.ADD, dOut, mixer.backward(du), d);
        }
        return d;
    }
}
