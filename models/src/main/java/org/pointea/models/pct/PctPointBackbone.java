package org.pointea.models.pct;

import java.util.ArrayList;
import java.util.List;
import org.pointea.models.attention.AttentionLayer;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BinaryOp;
import org.pointea.models.backend.Buffer;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.network.Backbone;
import org.pointea.models.network.CloudBatch;
import org.pointea.models.network.ComposedNetwork;
import org.pointea.models.network.PreparedBatch;
import org.pointea.models.nn.Activation;
import org.pointea.models.nn.ConvBnAct;

/**
 * PCT's per-point backbone (the part-segmentation network's trunk, official {@code pct_partseg}),
 * one feature row per point:
 * <pre>
 *   xyz → conv-BN-ReLU ×2 (channels) → 4 attention layers on all points → concat (4·channels)
 *       → conv-BN-LeakyReLU (fuse)                                            → [B·N, fuse]
 * </pre>
 * Any number of points per cloud (attention runs on all of them). Parameters {@code conv1},
 * {@code bn1}, {@code conv2}, {@code bn2}, {@code sa1..4}, {@code conv_fuse.*}. Segmentation heads
 * (part segmentation here; semantic segmentation of scenes) sit on it.
 */
public final class PctPointBackbone implements Backbone {
    private final Backend be;
    private final DType dt;
    private final int fuseChannels;
    private final ConvBnAct emb1;
    private final ConvBnAct emb2;
    private final List<AttentionLayer> sa = new ArrayList<>();
    private final ConvBnAct fuse;
    private final Buffer xyz;
    private int clouds;
    private int points;

    /**
     * Builds the layers into the network's parts.
     *
     * @param channels embedding and attention channels
     * @param fuse     output channels
     * @param mixer    the attention mixer
     */
    public PctPointBackbone(ComposedNetwork.Parts parts, int channels, int fuse, MixerConfig mixer) {
        var ps = parts.params();
        var buffers = parts.buffers();
        this.be = ps.backend();
        this.dt = ps.dtype();
        this.fuseChannels = fuse;
        emb1 = new ConvBnAct(ps, buffers, "conv1", "bn1", channels, false, Activation.RELU, 3);
        emb2 = new ConvBnAct(ps, buffers, "conv2", "bn2", channels, false, Activation.RELU, channels);
        for (int i = 1; i <= 4; i++) {
            sa.add(new AttentionLayer(ps, buffers, "sa" + i, channels, mixer));
        }
        this.fuse = new ConvBnAct(ps, buffers, "conv_fuse.0", "conv_fuse.1", fuse, false, Activation.LEAKY_RELU,
                channels, channels, channels, channels);
        this.xyz = buffers.buffer("input.xyz");
    }

    @Override
    public int channels() {
        return fuseChannels;
    }

    @Override
    public Level level() {
        return Level.POINT;
    }

    @Override
    public PreparedBatch prepare(CloudBatch batch, int threads) {
        return () -> batch;
    }

    @Override
    public DeviceArray forward(PreparedBatch batch, boolean training) {
        CloudBatch in = batch.clouds();
        this.clouds = in.size();
        this.points = in.points();
        DeviceArray x0 = xyz.get(dt, in.totalPoints(), 3);
        be.upload(in.xyz(), x0);
        DeviceArray h = emb2.forward(training, emb1.forward(training, x0));
        DeviceArray[] xs = new DeviceArray[4];
        for (int i = 0; i < 4; i++) {
            h = sa.get(i).forward(h, clouds, points, training);
            xs[i] = h;
        }
        return fuse.forward(training, xs);
    }

    @Override
    public void backward(DeviceArray dFeatures) {
        DeviceArray[] dx = fuse.backward(dFeatures);
        DeviceArray g = dx[3];
        for (int i = 3; i >= 1; i--) {
            be.binary(BinaryOp.ADD, dx[i - 1], sa.get(i).backward(g), dx[i - 1]);
            g = dx[i - 1];
        }
        g = sa.get(0).backward(g);
        g = emb2.backward(g)[0];
        emb1.backward(g, false);
    }
}
