package org.pointea.models.cuda;

import java.util.List;
import java.util.SplittableRandom;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.loss.CrossEntropy;
import org.pointea.models.network.CloudBatch;
import org.pointea.models.network.Network;
import org.pointea.models.network.NetworkConfig;
import org.pointea.models.network.PreparedBatch;
import org.pointea.models.optim.Sgd;
import org.pointea.models.pct.PctClassifierConfig;
import org.pointea.models.pct.PctSegmenterConfig;
import org.pointea.models.trainer.GradientHook;
import org.pointea.models.trainer.TrainStep;

/**
 * One network of the device check's float32 parity: its configuration, a seeded batch of clouds
 * (and categories and targets), and what is compared between backends: the inference logits of the
 * freshly initialised network (parameters are drawn on the host from the seed, so they are the
 * same on every backend), then, where {@link #trainStep()}, the inference logits after one SGD
 * step on the batch (training-mode forward with batch statistics, backward, update; dropout is
 * off, since masks are drawn by each backend's own generator).
 *
 * <p>{@link #ALL}: the PCT classifier (light size) with each mixer, the published PCT classifier
 * and the published PCT part segmenter.
 *
 * @param name      the fixture's name
 * @param config    the network
 * @param batch     clouds
 * @param seed      seed of the parameters and the clouds
 * @param trainStep whether one training step is checked too
 */
record ParityCase(String name, NetworkConfig config, int batch, long seed, boolean trainStep) {
    /** Every case the device check compares. */
    static final List<ParityCase> ALL = List.of(
            new ParityCase("cls-light-external", PctClassifierConfig.light(40).withMixer(MixerConfig.external()), 4, 11,
                    false),
            new ParityCase("cls-light-ufo", PctClassifierConfig.light(40).withMixer(MixerConfig.parse("ufo")), 4, 12,
                    false),
            new ParityCase("cls-light-offset", PctClassifierConfig.light(40).withMixer(MixerConfig.offset()), 4, 13,
                    false),
            new ParityCase("cls-light-self", PctClassifierConfig.light(40).withMixer(MixerConfig.parse("self")), 4, 14,
                    false),
            new ParityCase("pct-classifier", PctClassifierConfig.published(40).withDropout(0), 2, 21, true),
            new ParityCase("pct-segmenter", PctSegmenterConfig.published().withPoints(1024).withDropout(0), 2, 22,
                    true));

    /** The clouds: uniform in [-1, 1]³, from the seed. */
    CloudBatch clouds() {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5eed);
        int n = config.points();
        float[] xyz = new float[batch * n * 3];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        int[] cats = null;
        if (config.categories() > 0) {
            cats = new int[batch];
            for (int b = 0; b < batch; b++) {
                cats[b] = rnd.nextInt(config.categories());
            }
        }
        return new CloudBatch(batch, n, xyz, cats);
    }

    /** One target per output row, from the seed. */
    int[] targets(int rows) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x7a9);
        int[] t = new int[rows];
        for (int i = 0; i < rows; i++) {
            t[i] = rnd.nextInt(config.outputs());
        }
        return t;
    }

    /**
     * Runs the case on a backend.
     *
     * @return the logits before (index 0) and, where {@link #trainStep()}, after one training step (index 1)
     */
    float[][] run(Backend be) {
        try (Network net = config.create(be, DType.FLOAT, seed)) {
            PreparedBatch in = net.prepare(clouds());
            float[] before = logits(net, in);
            if (!trainStep) {
                return new float[][] {before};
            }
            try (Sgd sgd = new Sgd(0.01, 0.9, 5e-4); CrossEntropy loss = CrossEntropy.pct()) {
                new TrainStep(net, loss, sgd, GradientHook.NONE).run(in, targets(before.length / config.outputs()), 0);
            }
            return new float[][] {before, logits(net, in)};
        }
    }

    private static float[] logits(Network net, PreparedBatch in) {
        DeviceArray out = net.forward(in, false);
        return out.backend().toFloatArray(out);
    }
}
