package org.pointea.models.pct;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pointea.models.attention.AttentionLayer;
import org.pointea.models.engine.Engine;
import org.pointea.models.nn.Activation;
import org.pointea.models.nn.Buf;
import org.pointea.models.nn.ConvBnAct;
import org.pointea.models.nn.Dropout;
import org.pointea.models.nn.Linear;
import org.pointea.models.nn.LocalOp;
import org.pointea.models.nn.Ops;
import org.pointea.models.nn.ParamStore;
import org.pointea.models.backend.Profiler;
import org.pointea.models.nn.Scratch;
import org.pointea.models.train.CrossEntropy;
import org.pointea.models.train.Optimizer;

/**
 * PCT's classification network (Guo et al., "PCT: Point Cloud Transformer",
 * <a href="https://arxiv.org/abs/2012.09688">arXiv 2012.09688</a>; the PyTorch v1 code that reaches
 * 93.2 % on ModelNet40), with the attention mixer selectable and External Attention by default:
 * <pre>
 *   xyz [N,3] → conv-BN-ReLU ×2 (64) → sample-and-group 512×32 + Local_op (128)
 *             → sample-and-group 256×32 + Local_op (256) → conv-BN-ReLU ×2 (256)
 *             → 4 attention layers → concat with the stage-2 features (1280)
 *             → conv-BN-LeakyReLU (1024) → max over points
 *             → Linear-BN-LeakyReLU-Dropout (512) → Linear-BN-LeakyReLU-Dropout (256) → Linear (classes)
 * </pre>
 * Parameter names are those of the PyTorch module, so weights map one to one. Grouping indices
 * come precomputed in the {@link PctInput}.
 *
 * <pre>{@code
 * try (PctClassifier net = PctClassifier.create(PctClassifierConfig.published(40), 42);
 *      PctBatch batch = net.prepare(input);
 *      Sgd sgd = Sgd.pct(); CrossEntropy loss = CrossEntropy.pct()) {
 *     double l = net.trainStep(batch, labels, loss, sgd);
 *     float[] logits = net.predict(batch);          // [B * classes]
 * }
 * }</pre>
 * Not thread-safe: one instance per thread.
 */
public final class PctClassifier implements AutoCloseable {
    static {
        Engine.init();
    }

    private final PctClassifierConfig config;
    private final DataType dt;
    private final ParamStore params;
    private final Scratch scratch = new Scratch();
    private final ConvBnAct emb1;
    private final ConvBnAct emb2;
    private final LocalOp local0;
    private final LocalOp local1;
    private final ConvBnAct pt1;
    private final ConvBnAct pt2;
    private final List<AttentionLayer> sa = new ArrayList<>();
    private final ConvBnAct fuse;
    private final ConvBnAct head1;
    private final Dropout dp1;
    private final ConvBnAct head2;
    private final Dropout dp2;
    private final Linear head3;
    private final Buf pooled = new Buf();
    private final Buf dFuse = new Buf();
    private final Buf logitsHost = new Buf();

    private PctBatch last;
    private INDArray fused;
    private boolean lastTraining;

    private PctClassifier(PctClassifierConfig c, DataType dt, long seed) {
        this.config = c;
        this.dt = dt;
        this.params = new ParamStore(dt);
        ParamStore ps = params;
        emb1 = new ConvBnAct(ps, scratch, "conv1", "bn1", c.embed(), false, Activation.RELU, 3);
        emb2 = new ConvBnAct(ps, scratch, "conv2", "bn2", c.embed(), false, Activation.RELU, c.embed());
        local0 = new LocalOp(ps, scratch, "gather_local_0", c.embed(), c.local0());
        local1 = new LocalOp(ps, scratch, "gather_local_1", c.local0(), c.local1());
        pt1 = new ConvBnAct(ps, scratch, "pt_last.conv1", "pt_last.bn1", c.local1(), false, Activation.RELU,
                c.local1());
        pt2 = new ConvBnAct(ps, scratch, "pt_last.conv2", "pt_last.bn2", c.local1(), false, Activation.RELU,
                c.local1());
        for (int i = 1; i <= 4; i++) {
            sa.add(new AttentionLayer(ps, scratch, "pt_last.sa" + i, c.local1(), c.mixer()));
        }
        int l1 = c.local1();
        fuse = new ConvBnAct(ps, scratch, "conv_fuse.0", "conv_fuse.1", c.fuse(), false, Activation.LEAKY_RELU,
                l1, l1, l1, l1, l1);
        head1 = new ConvBnAct(ps, scratch, "linear1", "bn6", c.head1(), false, Activation.LEAKY_RELU, c.fuse());
        dp1 = new Dropout(c.dropout(), seed * 31 + 1);
        head2 = new ConvBnAct(ps, scratch, "linear2", "bn7", c.head2(), true, Activation.LEAKY_RELU, c.head1());
        dp2 = new Dropout(c.dropout(), seed * 31 + 2);
        head3 = new Linear(ps, "linear3", c.classes(), true, c.head2());
        params.initialise(seed);
    }

    /** A float32 network with parameters initialised from {@code seed} (PyTorch's default init). */
    public static PctClassifier create(PctClassifierConfig config, long seed) {
        return new PctClassifier(config, DataType.FLOAT, seed);
    }

    /** As {@link #create(PctClassifierConfig, long)} with another floating-point type (DOUBLE for checks). */
    public static PctClassifier create(PctClassifierConfig config, long seed, DataType dtype) {
        return new PctClassifier(config, dtype, seed);
    }

    /** The architecture. */
    public PctClassifierConfig config() {
        return config;
    }

    /** The parameters and running statistics, by PyTorch name. */
    public ParamStore parameters() {
        return params;
    }

    /**
     * Restarts the dropout generators from {@code seed} (a trainer passes a value derived from its
     * seed and step, which makes the masks independent of any earlier history).
     */
    public void reseedDropout(long seed) {
        dp1.reseed(seed * 31 + 1);
        dp2.reseed(seed * 31 + 2);
    }

    /** Number of trainable scalars. */
    public long parameterCount() {
        return params.count();
    }

    /** Bytes of the reusable activation and scratch buffers currently held (excluding layer-owned ones). */
    public long scratchBytes() {
        return scratch.bytes();
    }

    /** Moves an input batch to the device (see {@link PctBatch}); checks it fits the configuration. */
    public PctBatch prepare(PctInput in) {
        if (in.points() != config.points() || in.centres0() != config.centres0()
                || in.centres1() != config.centres1() || in.k() != config.neighbours()) {
            throw new IllegalArgumentException("input grouping " + in.points() + "/" + in.centres0() + "/"
                    + in.centres1() + "/k=" + in.k() + " does not match the network's " + config.points() + "/"
                    + config.centres0() + "/" + config.centres1() + "/k=" + config.neighbours());
        }
        return new PctBatch(in, dt);
    }

    /**
     * Forward pass; returns the logits {@code [B, classes]} (owned by the network, valid until the
     * next call). In training mode batch norms use batch statistics (and update their running
     * estimates) and dropout is active.
     */
    public INDArray forward(PctBatch b, boolean training) {
        last = b;
        lastTraining = training;
        String m = training ? "train." : "infer.";
        long t = Profiler.start();
        INDArray h = emb1.forward(training, b.xyz());
        h = emb2.forward(training, h);
        t = lap(m + "fwd.embedding", t);
        INDArray f0 = local0.forward(h, b.stage0(), training);
        t = lap(m + "fwd.local0", t);
        INDArray f1 = local1.forward(f0, b.stage1(), training);
        t = lap(m + "fwd.local1", t);
        INDArray x = pt1.forward(training, f1);
        x = pt2.forward(training, x);
        t = lap(m + "fwd.pt_last.conv", t);
        INDArray[] xs = new INDArray[5];
        for (int i = 0; i < 4; i++) {
            x = sa.get(i).forward(x, b.batch(), b.centres1(), training);
            xs[i] = x;
        }
        xs[4] = f1;
        t = lap(m + "fwd.attention", t);
        fused = fuse.forward(training, xs);
        INDArray g = pooled.get(dt, b.batch(), config.fuse());
        Ops.maxOverGroups(fused, b.centres1(), g);
        t = lap(m + "fwd.fuse+pool", t);
        INDArray y = dp1.forward(head1.forward(training, g), training);
        y = dp2.forward(head2.forward(training, y), training);
        INDArray logits = head3.forward(y);
        lap(m + "fwd.head", t);
        return logits;
    }

    private static long lap(String section, long t0) {
        Profiler.section(section, t0);
        return Profiler.start();
    }

    /** Backward pass from {@code dL/dlogits} (consumed); writes every parameter gradient. */
    public void backward(INDArray dLogits) {
        if (!lastTraining) {
            throw new IllegalStateException("backward needs a training forward pass");
        }
        PctBatch b = last;
        long t = Profiler.start();
        INDArray d = head3.backward(dLogits)[0];
        d = head2.backward(dp2.backwardInPlace(d))[0];
        d = head1.backward(dp1.backwardInPlace(d))[0];
        t = lap("train.bwd.head", t);
        INDArray df = dFuse.get(dt, fused.shape());
        Ops.maxOverGroupsBackward(fused, d, b.centres1(), df);
        INDArray[] dx = fuse.backward(df);
        t = lap("train.bwd.fuse+pool", t);
        INDArray g = dx[3];
        for (int i = 3; i >= 1; i--) {
            g = dx[i - 1].addi(sa.get(i).backward(g));
        }
        g = sa.get(0).backward(g);
        t = lap("train.bwd.attention", t);
        g = pt2.backward(g)[0];
        g = pt1.backward(g)[0];
        INDArray df1 = dx[4].addi(g);
        t = lap("train.bwd.pt_last.conv", t);
        INDArray df0 = local1.backward(df1);
        t = lap("train.bwd.local1", t);
        INDArray dh = local0.backward(df0);
        t = lap("train.bwd.local0", t);
        dh = emb2.backward(dh)[0];
        emb1.backward(dh, false);
        lap("train.bwd.embedding", t);
    }

    /**
     * One training step: forward (training mode), loss, backward and optimizer update. Returns the
     * mean loss of the batch.
     */
    public double trainStep(PctBatch batch, int[] labels, CrossEntropy loss, Optimizer optimizer) {
        INDArray logits = forward(batch, true);
        long t = Profiler.start();
        double l = loss.compute(logits, labels);
        t = lap("train.loss", t);
        backward(loss.gradient());
        t = Profiler.start();
        optimizer.step(params);
        lap("train.optimizer", t);
        return l;
    }

    /** Inference: logits, row-major {@code [B * classes]}. */
    public float[] predict(PctBatch batch) {
        INDArray logits = forward(batch, false);
        return logits.castTo(DataType.FLOAT).reshape(-1).toFloatVector();
    }

    /** Inference on a plain input (prepared and released internally). */
    public float[] predict(PctInput input) {
        try (PctBatch b = prepare(input)) {
            return predict(b);
        }
    }

    @Override
    public void close() {
        emb1.close();
        emb2.close();
        local0.close();
        local1.close();
        pt1.close();
        pt2.close();
        sa.forEach(AttentionLayer::close);
        fuse.close();
        head1.close();
        dp1.close();
        head2.close();
        dp2.close();
        head3.close();
        pooled.close();
        dFuse.close();
        logitsHost.close();
        scratch.close();
        params.close();
    }
}
