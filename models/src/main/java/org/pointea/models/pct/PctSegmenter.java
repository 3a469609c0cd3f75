package org.pointea.models.pct;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pointea.models.attention.AttentionLayer;
import org.pointea.models.engine.Engine;
import org.pointea.models.nn.Activation;
import org.pointea.models.nn.BnAct;
import org.pointea.models.nn.BroadcastLinear;
import org.pointea.models.nn.Buf;
import org.pointea.models.nn.ConvBnAct;
import org.pointea.models.nn.Dropout;
import org.pointea.models.nn.Linear;
import org.pointea.models.nn.Ops;
import org.pointea.models.nn.ParamStore;
import org.pointea.models.nn.Scratch;
import org.pointea.models.train.CrossEntropy;
import org.pointea.models.train.Optimizer;

/**
 * PCT's part-segmentation network (official {@code pct_partseg}, PyTorch port in DGL), mixer
 * selectable, External Attention by default:
 * <pre>
 *   xyz → conv-BN-ReLU ×2 (128) → 4 attention layers on all points → concat (512)
 *       → conv-BN-LeakyReLU (1024) = x;  global max(x), mean(x);  category one-hot → conv-BN-LeakyReLU (64)
 *       → [x | max | mean | category] (3136) → conv-BN-ReLU (512) → dropout → conv-BN-ReLU (256) → conv (parts)
 * </pre>
 * The three global features are never repeated per point (see {@link BroadcastLinear}). Output:
 * per-point logits {@code [B·N, parts]}. Not thread-safe.
 */
public final class PctSegmenter implements AutoCloseable {
    static {
        Engine.init();
    }

    private final PctSegmenterConfig config;
    private final DataType dt;
    private final ParamStore params;
    private final Scratch scratch = new Scratch();
    private final ConvBnAct emb1;
    private final ConvBnAct emb2;
    private final List<AttentionLayer> sa = new ArrayList<>();
    private final ConvBnAct fuse;
    private final ConvBnAct label;
    private final BroadcastLinear convs1;
    private final BnAct bns1;
    private final Dropout dp1;
    private final ConvBnAct head2;
    private final Linear convs3;
    private final Buf gmax = new Buf();
    private final Buf gavg = new Buf();
    private final Buf dFused = new Buf();
    private final Buf oneHot = new Buf();
    private final Buf xyzBuf = new Buf();

    private INDArray fused;
    private int batch;
    private int points;
    private boolean lastTraining;

    private PctSegmenter(PctSegmenterConfig c, DataType dt, long seed) {
        this.config = c;
        this.dt = dt;
        this.params = new ParamStore(dt);
        ParamStore ps = params;
        int ch = c.channels();
        emb1 = new ConvBnAct(ps, scratch, "conv1", "bn1", ch, false, Activation.RELU, 3);
        emb2 = new ConvBnAct(ps, scratch, "conv2", "bn2", ch, false, Activation.RELU, ch);
        for (int i = 1; i <= 4; i++) {
            sa.add(new AttentionLayer(ps, scratch, "sa" + i, ch, c.mixer()));
        }
        fuse = new ConvBnAct(ps, scratch, "conv_fuse.0", "conv_fuse.1", c.fuse(), false, Activation.LEAKY_RELU,
                ch, ch, ch, ch);
        label = new ConvBnAct(ps, scratch, "label_conv.0", "label_conv.1", PctSegmenterConfig.LABEL_CHANNELS, false,
                Activation.LEAKY_RELU, c.categories());
        convs1 = new BroadcastLinear(ps, "convs1", PctSegmenterConfig.HEAD1, true, c.fuse(), c.fuse(), c.fuse(),
                PctSegmenterConfig.LABEL_CHANNELS);
        bns1 = new BnAct(ps, scratch, "bns1", PctSegmenterConfig.HEAD1, Activation.RELU);
        dp1 = new Dropout(c.dropout(), seed * 31 + 1);
        head2 = new ConvBnAct(ps, scratch, "convs2", "bns2", PctSegmenterConfig.HEAD2, true, Activation.RELU,
                PctSegmenterConfig.HEAD1);
        convs3 = new Linear(ps, "convs3", c.parts(), true, PctSegmenterConfig.HEAD2);
        params.initialise(seed);
    }

    /** A float32 network initialised from {@code seed}. */
    public static PctSegmenter create(PctSegmenterConfig config, long seed) {
        return new PctSegmenter(config, DataType.FLOAT, seed);
    }

    /** As {@link #create(PctSegmenterConfig, long)} with another floating-point type. */
    public static PctSegmenter create(PctSegmenterConfig config, long seed, DataType dtype) {
        return new PctSegmenter(config, dtype, seed);
    }

    /** The architecture. */
    public PctSegmenterConfig config() {
        return config;
    }

    /** Parameters and running statistics by PyTorch name. */
    public ParamStore parameters() {
        return params;
    }

    /**
     * Restarts the dropout generator from {@code seed} (a trainer passes a value derived from its
     * seed and step, which makes the masks independent of any earlier history).
     */
    public void reseedDropout(long seed) {
        dp1.reseed(seed * 31 + 1);
    }

    /** Number of trainable scalars. */
    public long parameterCount() {
        return params.count();
    }

    /**
     * Forward pass over any number of points per cloud (attention runs on all of them); returns
     * per-point logits {@code [B·N, parts]} owned by the network.
     */
    public INDArray forward(SegInput in, boolean training) {
        batch = in.batch();
        points = in.points();
        lastTraining = training;
        long rows = (long) batch * points;
        INDArray xyz = xyzBuf.get(dt, rows, 3);
        try (INDArray src = Nd4j.createFromArray(in.xyz()).reshape(rows, 3)) {
            xyz.assign(src);
        }
        int cats = config.categories();
        float[] oh = new float[batch * cats];
        for (int b = 0; b < batch; b++) {
            int c = in.categories()[b];
            if (c < 0 || c >= cats) {
                throw new IllegalArgumentException("category " + c + " of cloud " + b + " outside [0, " + cats + ")");
            }
            oh[b * cats + c] = 1f;
        }
        INDArray onehot = oneHot.get(dt, batch, cats);
        try (INDArray src = Nd4j.createFromArray(oh).reshape(batch, cats)) {
            onehot.assign(src);
        }
        INDArray h = emb2.forward(training, emb1.forward(training, xyz));
        INDArray[] xs = new INDArray[4];
        for (int i = 0; i < 4; i++) {
            h = sa.get(i).forward(h, batch, points, training);
            xs[i] = h;
        }
        fused = fuse.forward(training, xs);
        INDArray mx = gmax.get(dt, batch, config.fuse());
        Ops.maxOverGroups(fused, points, mx);
        INDArray av = gavg.get(dt, batch, config.fuse());
        Ops.meanOverGroups(fused, points, av);
        INDArray lab = label.forward(training, onehot);
        INDArray y = convs1.forward(fused, points, mx, av, lab);
        y = dp1.forward(bns1.forward(y, training), training);
        y = head2.forward(training, y);
        return convs3.forward(y);
    }

    /** Backward from {@code dL/dlogits} (consumed); writes every parameter gradient. */
    public void backward(INDArray dLogits) {
        if (!lastTraining) {
            throw new IllegalStateException("backward needs a training forward pass");
        }
        INDArray d = convs3.backward(dLogits)[0];
        d = head2.backward(d)[0];
        d = bns1.backward(dp1.backwardInPlace(d));
        INDArray[] g = convs1.backward(d);
        label.backward(g[3], false);
        INDArray df = g[0];
        INDArray tmp = dFused.get(dt, fused.shape());
        Ops.maxOverGroupsBackward(fused, g[1], points, tmp);
        df.addi(tmp);
        g[2].divi(points);
        Ops.addToGroups(df, g[2], points);
        INDArray[] dx = fuse.backward(df);
        INDArray gg = dx[3];
        for (int i = 3; i >= 1; i--) {
            gg = dx[i - 1].addi(sa.get(i).backward(gg));
        }
        gg = sa.get(0).backward(gg);
        gg = emb2.backward(gg)[0];
        emb1.backward(gg, false);
    }

    /** Forward (training), loss over all points, backward and update; returns the mean loss. */
    public double trainStep(SegInput in, int[] partLabels, CrossEntropy loss, Optimizer optimizer) {
        INDArray logits = forward(in, true);
        double l = loss.compute(logits, partLabels);
        backward(loss.gradient());
        optimizer.step(params);
        return l;
    }

    /** Inference: per-point logits, row-major {@code [B·N * parts]}. */
    public float[] predict(SegInput in) {
        return forward(in, false).castTo(DataType.FLOAT).reshape(-1).toFloatVector();
    }

    @Override
    public void close() {
        emb1.close();
        emb2.close();
        sa.forEach(AttentionLayer::close);
        fuse.close();
        label.close();
        convs1.close();
        bns1.close();
        dp1.close();
        head2.close();
        convs3.close();
        for (Buf b : new Buf[] {gmax, gavg, dFused, oneHot, xyzBuf}) {
            b.close();
        }
        scratch.close();
        params.close();
    }
}
