package org.pointea.models.task.classification;

import org.pointea.models.backend.DeviceArray;
import org.pointea.models.network.ComposedNetwork;
import org.pointea.models.network.Head;
import org.pointea.models.network.PreparedBatch;
import org.pointea.models.nn.Activation;
import org.pointea.models.nn.ConvBnAct;
import org.pointea.models.nn.Dropout;
import org.pointea.models.nn.Linear;

/**
 * PCT's classification head over one feature row per cloud: Linear-BN-LeakyReLU-Dropout,
 * Linear(+bias)-BN-LeakyReLU-Dropout, Linear(+bias) to the class logits {@code [B, classes]}.
 * Parameters {@code linear1}, {@code bn6}, {@code linear2}, {@code bn7}, {@code linear3} as the
 * PyTorch module.
 */
public final class ClassificationHead implements Head {
    private final ConvBnAct head1;
    private final Dropout dp1;
    private final ConvBnAct head2;
    private final Dropout dp2;
    private final Linear head3;
    private final int classes;

    /**
     * Builds the head into the network's parts.
     *
     * @param in      feature channels per cloud
     * @param hidden1 first layer's width
     * @param hidden2 second layer's width
     * @param dropout dropout rate after each of them
     * @param classes output classes
     */
    public ClassificationHead(ComposedNetwork.Parts parts, int in, int hidden1, int hidden2, double dropout,
                              int classes) {
        var ps = parts.params();
        var buffers = parts.buffers();
        long seed = parts.seed();
        this.classes = classes;
        head1 = new ConvBnAct(ps, buffers, "linear1", "bn6", hidden1, false, Activation.LEAKY_RELU, in);
        dp1 = new Dropout(buffers, "dp1", dropout, seed * 31 + 1);
        head2 = new ConvBnAct(ps, buffers, "linear2", "bn7", hidden2, true, Activation.LEAKY_RELU, hidden1);
        dp2 = new Dropout(buffers, "dp2", dropout, seed * 31 + 2);
        head3 = new Linear(ps, buffers, "linear3", classes, true, hidden2);
    }

    @Override
    public int outputs() {
        return classes;
    }

    @Override
    public DeviceArray forward(DeviceArray features, PreparedBatch batch, boolean training) {
        DeviceArray y = dp1.forward(head1.forward(training, features), training);
        y = dp2.forward(head2.forward(training, y), training);
        return head3.forward(y);
    }

    @Override
    public DeviceArray backward(DeviceArray dOutputs) {
        DeviceArray d = head3.backward(dOutputs)[0];
        d = head2.backward(dp2.backwardInPlace(d))[0];
        return head1.backward(dp1.backwardInPlace(d))[0];
    }

    @Override
    public void reseedDropout(long seed) {
        dp1.reseed(seed * 31 + 1);
        dp2.reseed(seed * 31 + 2);
    }
}
