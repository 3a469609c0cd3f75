package org.pointea.models.task.partseg;

import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BinaryOp;
import org.pointea.models.backend.Buffer;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.ScalarOp;
import org.pointea.models.network.CloudBatch;
import org.pointea.models.network.ComposedNetwork;
import org.pointea.models.network.Head;
import org.pointea.models.network.PreparedBatch;
import org.pointea.models.nn.Activation;
import org.pointea.models.nn.BnAct;
import org.pointea.models.nn.BroadcastLinear;
import org.pointea.models.nn.ConvBnAct;
import org.pointea.models.nn.Dropout;
import org.pointea.models.nn.Linear;

/**
 * PCT's part-segmentation head over per-point features {@code x [B·N, C]} (official
 * {@code pct_partseg}): the cloud's max and mean of x and an embedding of its object category
 * (one-hot → conv-BN-LeakyReLU, 64) are appended to every point's features without being repeated
 * ({@link BroadcastLinear}), then conv-BN-ReLU ({@value #HIDDEN1}) → dropout → conv-BN-ReLU
 * ({@value #HIDDEN2}) → conv to the part logits {@code [B·N, parts]}. Parameters
 * {@code label_conv.*}, {@code convs1}, {@code bns1}, {@code convs2}, {@code bns2}, {@code convs3}.
 */
public final class PartSegmentationHead implements Head {
    /** Embedding channels of the category one-hot. */
    public static final int LABEL_CHANNELS = 64;
    /** First head layer. */
    public static final int HIDDEN1 = 512;
    /** Second head layer. */
    public static final int HIDDEN2 = 256;

    private final Backend be;
    private final DType dt;
    private final int in;
    private final int categories;
    private final int parts;
    private final ConvBnAct label;
    private final BroadcastLinear convs1;
    private final BnAct bns1;
    private final Dropout dp1;
    private final ConvBnAct head2;
    private final Linear convs3;
    private final Buffer oneHot;
    private final Buffer gmax;
    private final Buffer gavg;
    private final Buffer dFused;
    private DeviceArray fused;
    private int points;

    /**
     * Builds the head into the network's parts.
     *
     * @param in         per-point feature channels
     * @param categories object categories of the one-hot input
     * @param parts      part classes (outputs)
     * @param dropout    dropout rate after the first layer
     */
    public PartSegmentationHead(ComposedNetwork.Parts p, int in, int categories, int parts, double dropout) {
        var ps = p.params();
        var buffers = p.buffers();
        this.be = ps.backend();
        this.dt = ps.dtype();
        this.in = in;
        this.categories = categories;
        this.parts = parts;
        label = new ConvBnAct(ps, buffers, "label_conv.0", "label_conv.1", LABEL_CHANNELS, false,
                Activation.LEAKY_RELU, categories);
        convs1 = new BroadcastLinear(ps, buffers, "convs1", HIDDEN1, true, in, in, in, LABEL_CHANNELS);
        bns1 = new BnAct(ps, buffers, "bns1", HIDDEN1, Activation.RELU);
        dp1 = new Dropout(buffers, "dp1", dropout, p.seed() * 31 + 1);
        head2 = new ConvBnAct(ps, buffers, "convs2", "bns2", HIDDEN2, true, Activation.RELU, HIDDEN1);
        convs3 = new Linear(ps, buffers, "convs3", parts, true, HIDDEN2);
        oneHot = buffers.buffer("label_conv.oneHot");
        gmax = buffers.buffer("global.max");
        gavg = buffers.buffer("global.mean");
        dFused = buffers.buffer("global.dMax");
    }

    @Override
    public int outputs() {
        return parts;
    }

    @Override
    public DeviceArray forward(DeviceArray features, PreparedBatch batch, boolean training) {
        CloudBatch clouds = batch.clouds();
        int b = clouds.size();
        points = clouds.points();
        int[] cats = clouds.categories();
        if (cats == null) {
            throw new IllegalArgumentException("part segmentation needs the object category of every cloud");
        }
        float[] oh = new float[b * categories];
        for (int j = 0; j < b; j++) {
            int c = cats[j];
            if (c < 0 || c >= categories) {
                throw new IllegalArgumentException("category " + c + " of cloud " + j + " outside [0, " + categories
                        + ")");
            }
            oh[j * categories + c] = 1f;
        }
        DeviceArray onehot = oneHot.get(dt, b, categories);
        be.upload(oh, onehot);
        fused = features;
        DeviceArray mx = gmax.get(dt, b, in);
        be.maxOverGroups(features, points, mx);
        DeviceArray av = gavg.get(dt, b, in);
        be.meanOverGroups(features, points, av);
        DeviceArray lab = label.forward(training, onehot);
        DeviceArray y = convs1.forward(features, points, mx, av, lab);
        y = dp1.forward(bns1.forward(y, training), training);
        y = head2.forward(training, y);
        return convs3.forward(y);
    }

    @Override
    public DeviceArray backward(DeviceArray dOutputs) {
        DeviceArray d = convs3.backward(dOutputs)[0];
        d = head2.backward(d)[0];
        d = bns1.backward(dp1.backwardInPlace(d));
        DeviceArray[] g = convs1.backward(d);
        label.backward(g[3], false);
        DeviceArray df = g[0];
        DeviceArray tmp = dFused.get(dt, fused.shape());
        be.maxOverGroupsBackward(fused, g[1], points, tmp);
        be.binary(BinaryOp.ADD, df, tmp, df);
        be.scalar(ScalarOp.DIVIDE, g[2], points, g[2]);
        be.addToGroups(df, g[2], points);
        return df;
    }

    @Override
    public void reseedDropout(long seed) {
        dp1.reseed(seed * 31 + 1);
    }
}
