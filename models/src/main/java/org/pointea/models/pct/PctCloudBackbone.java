package org.pointea.models.pct;

import java.util.ArrayList;
import java.util.List;
import org.pointea.models.attention.AttentionLayer;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BinaryOp;
import org.pointea.models.backend.Buffer;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.Profiler;
import org.pointea.models.network.Backbone;
import org.pointea.models.network.CloudBatch;
import org.pointea.models.network.ComposedNetwork;
import org.pointea.models.network.PreparedBatch;
import org.pointea.models.nn.Activation;
import org.pointea.models.nn.ConvBnAct;
import org.pointea.models.nn.LocalOp;

/**
 * PCT's classification backbone (Guo et al., "PCT: Point Cloud Transformer",
 * <a href="https://arxiv.org/abs/2012.09688">arXiv 2012.09688</a>), one feature row per cloud:
 * <pre>
 *   xyz [N,3] → conv-BN-ReLU ×2 (embed) → sample-and-group S0×k + Local_op (local0)
 *             → sample-and-group S1×k + Local_op (local1) → conv-BN-ReLU ×2 (local1)
 *             → 4 attention layers → concat with the stage-2 features (5·local1)
 *             → conv-BN-LeakyReLU (fuse) → max over the S1 centres      → [B, fuse]
 * </pre>
 * The grouping (farthest-point sampling from index 0, kNN with the centre included, as the
 * reference kernels) is computed on the host by {@link #prepare}. Parameter names are the PyTorch
 * module's ({@code conv1}, {@code gather_local_0}, {@code pt_last.*}, {@code conv_fuse.*}).
 */
public final class PctCloudBackbone implements Backbone {
    private final PctClassifierConfig config;
    private final Backend be;
    private final DType dt;
    private final ConvBnAct emb1;
    private final ConvBnAct emb2;
    private final LocalOp local0;
    private final LocalOp local1;
    private final ConvBnAct pt1;
    private final ConvBnAct pt2;
    private final List<AttentionLayer> sa = new ArrayList<>();
    private final ConvBnAct fuse;
    private final Buffer xyz;
    private final Buffer pooled;
    private final Buffer dFuse;
    private DeviceArray fused;

    /** Builds the layers into the network's parts. */
    public PctCloudBackbone(ComposedNetwork.Parts parts, PctClassifierConfig c) {
        var ps = parts.params();
        var buffers = parts.buffers();
        this.config = c;
        this.be = ps.backend();
        this.dt = ps.dtype();
        emb1 = new ConvBnAct(ps, buffers, "conv1", "bn1", c.embed(), false, Activation.RELU, 3);
        emb2 = new ConvBnAct(ps, buffers, "conv2", "bn2", c.embed(), false, Activation.RELU, c.embed());
        local0 = new LocalOp(ps, buffers, "gather_local_0", c.embed(), c.local0());
        local1 = new LocalOp(ps, buffers, "gather_local_1", c.local0(), c.local1());
        pt1 = new ConvBnAct(ps, buffers, "pt_last.conv1", "pt_last.bn1", c.local1(), false, Activation.RELU,
                c.local1());
        pt2 = new ConvBnAct(ps, buffers, "pt_last.conv2", "pt_last.bn2", c.local1(), false, Activation.RELU,
                c.local1());
        for (int i = 1; i <= 4; i++) {
            sa.add(new AttentionLayer(ps, buffers, "pt_last.sa" + i, c.local1(), c.mixer()));
        }
        int l1 = c.local1();
        fuse = new ConvBnAct(ps, buffers, "conv_fuse.0", "conv_fuse.1", c.fuse(), false, Activation.LEAKY_RELU,
                l1, l1, l1, l1, l1);
        xyz = buffers.buffer("input.xyz");
        pooled = buffers.buffer("conv_fuse.pooled");
        dFuse = buffers.buffer("conv_fuse.dPooled");
    }

    @Override
    public int channels() {
        return config.fuse();
    }

    @Override
    public Level level() {
        return Level.CLOUD;
    }

    @Override
    public PreparedBatch prepare(CloudBatch batch, int threads) {
        return prepare(PctInput.group(batch.xyz(), batch.size(), config, threads));
    }

    /**
     * A batch whose grouping was computed elsewhere (a parity fixture's, a benchmark's).
     *
     * @throws IllegalArgumentException when its sizes are not the configuration's
     */
    public PctGroupedBatch prepare(PctInput in) {
        return config.prepare(in);
    }

    @Override
    public DeviceArray forward(PreparedBatch batch, boolean training) {
        if (!(batch instanceof PctGroupedBatch b)) {
            throw new IllegalArgumentException("PCT's classification backbone needs a batch it prepared, got "
                    + batch.getClass().getSimpleName());
        }
        config.check(b.input());
        String m = training ? "train." : "infer.";
        long t = Profiler.start();
        CloudBatch clouds = b.clouds();
        DeviceArray x0 = xyz.get(dt, clouds.totalPoints(), 3);
        be.upload(clouds.xyz(), x0);
        DeviceArray h = emb1.forward(training, x0);
        h = emb2.forward(training, h);
        t = lap(m + "fwd.embedding", t);
        DeviceArray f0 = local0.forward(h, b.stage0(), training);
        t = lap(m + "fwd.local0", t);
        DeviceArray f1 = local1.forward(f0, b.stage1(), training);
        t = lap(m + "fwd.local1", t);
        DeviceArray x = pt1.forward(training, f1);
        x = pt2.forward(training, x);
        t = lap(m + "fwd.pt_last.conv", t);
        DeviceArray[] xs = new DeviceArray[5];
        for (int i = 0; i < 4; i++) {
            x = sa.get(i).forward(x, clouds.size(), config.centres1(), training);
            xs[i] = x;
        }
        xs[4] = f1;
        t = lap(m + "fwd.attention", t);
        fused = fuse.forward(training, xs);
        DeviceArray g = pooled.get(dt, clouds.size(), config.fuse());
        be.maxOverGroups(fused, config.centres1(), g);
        lap(m + "fwd.fuse+pool", t);
        return g;
    }

    @Override
    public void backward(DeviceArray dFeatures) {
        long t = Profiler.start();
        DeviceArray df = dFuse.get(dt, fused.shape());
        be.maxOverGroupsBackward(fused, dFeatures, config.centres1(), df);
        DeviceArray[] dx = fuse.backward(df);
        t = lap("train.bwd.fuse+pool", t);
        DeviceArray g = dx[3];
        for (int i = 3; i >= 1; i--) {
            be.binary(BinaryOp.ADD, dx[i - 1], sa.get(i).backward(g), dx[i - 1]);
            g = dx[i - 1];
        }
        g = sa.get(0).backward(g);
        t = lap("train.bwd.attention", t);
        g = pt2.backward(g)[0];
        g = pt1.backward(g)[0];
        DeviceArray df1 = dx[4];
        be.binary(BinaryOp.ADD, df1, g, df1);
        t = lap("train.bwd.pt_last.conv", t);
        DeviceArray df0 = local1.backward(df1);
        t = lap("train.bwd.local1", t);
        DeviceArray dh = local0.backward(df0);
        t = lap("train.bwd.local0", t);
        dh = emb2.backward(dh)[0];
        emb1.backward(dh, false);
        lap("train.bwd.embedding", t);
    }

    private static long lap(String section, long t0) {
        Profiler.section(section, t0);
        return Profiler.start();
    }
}
