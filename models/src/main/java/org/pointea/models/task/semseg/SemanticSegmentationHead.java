package org.pointea.models.task.semseg;

import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BinaryOp;
import org.pointea.models.backend.Buffer;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.ScalarOp;
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
 * The semantic-segmentation head over per-point features {@code x [B·N, C]}: PCT's segmentation
 * head without the category branch, as PCT segments S3DIS. The block's max and mean of x are
 * appended to every point's features without being repeated ({@link BroadcastLinear}), then
 * conv-BN-ReLU ({@code hidden1}) → dropout → conv-BN-ReLU ({@code hidden2}) → conv to the class
 * logits {@code [B·N, classes]}. Parameters {@code convs1}, {@code bns1}, {@code convs2},
 * {@code bns2}, {@code convs3}.
 */
public final class SemanticSegmentationHead implements Head {
    private final Backend be;
    private final DType dt;
    private final int in;
    private final int classes;
    private final BroadcastLinear convs1;
    private final BnAct bns1;
    private final Dropout dp1;
    private final ConvBnAct head2;
    private final Linear convs3;
    private final Buffer gmax;
    private final Buffer gavg;
    private final Buffer dFused;
    private DeviceArray fused;
    private int points;

    /**
     * Builds the head into the network's parts.
     *
     * @param p       the network's parts
     * @param in      per-point feature channels
     * @param hidden1 channels of the first head layer
     * @param hidden2 channels of the second
     * @param classes classes (outputs)
     * @param dropout dropout rate after the first layer
     */
    public SemanticSegmentationHead(ComposedNetwork.Parts p, int in, int hidden1, int hidden2, int classes,
                                    double dropout) {
        var ps = p.params();
        var buffers = p.buffers();
        this.be = ps.backend();
        this.dt = ps.dtype();
        this.in = in;
        this.classes = classes;
        convs1 = new BroadcastLinear(ps, buffers, "convs1", hidden1, true, in, in, in);
        bns1 = new BnAct(ps, buffers, "bns1", hidden1, Activation.RELU);
        dp1 = new Dropout(buffers, "dp1", dropout, p.seed() * 31 + 1);
        head2 = new ConvBnAct(ps, buffers, "convs2", "bns2", hidden2, true, Activation.RELU, hidden1);
        convs3 = new Linear(ps, buffers, "convs3", classes, true, hidden2);
        gmax = buffers.buffer("global.max");
        gavg = buffers.buffer("global.mean");
        dFused = buffers.buffer("global.dMax");
    }

    @Override
    public int outputs() {
        return classes;
    }

    @Override
    public DeviceArray forward(DeviceArray features, PreparedBatch batch, boolean training) {
        int b = batch.clouds().size();
        points = batch.clouds().points();
        fused = features;
        DeviceArray mx = gmax.get(dt, b, in);
        be.maxOverGroups(features, points, mx);
        DeviceArray av = gavg.get(dt, b, in);
        be.meanOverGroups(features, points, av);
        DeviceArray y = convs1.forward(features, points, mx, av);
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
