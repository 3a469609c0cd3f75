package org.pointea.models.trainer;

import java.util.Objects;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.Profiler;
import org.pointea.models.loss.Loss;
import org.pointea.models.network.Network;
import org.pointea.models.network.PreparedBatch;
import org.pointea.models.optim.Optimizer;

/**
 * One training step, in its four parts: forward and loss, backward, the {@link GradientHook}
 * (where data-parallel workers average their gradients), and the optimizer's update.
 *
 * <pre>{@code
 * TrainStep step = new TrainStep(net, CrossEntropy.pct(), new Sgd(0.01, 0.9, 5e-4), GradientHook.NONE);
 * TrainStep.Result r = step.run(net.prepare(batch.clouds()), batch.targets(), 0);
 * }</pre>
 */
public final class TrainStep {
    private final Network net;
    private final Loss loss;
    private final Optimizer optimizer;
    private final GradientHook hook;

    /**
     * One step's outcome.
     *
     * @param loss    the batch's mean loss
     * @param correct output rows whose argmax is the target
     * @param rows    output rows
     */
    public record Result(double loss, long correct, long rows) {
    }

    /** A step over these parts (the caller owns and closes them). */
    public TrainStep(Network net, Loss loss, Optimizer optimizer, GradientHook hook) {
        this.net = Objects.requireNonNull(net, "net");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.hook = Objects.requireNonNull(hook, "hook");
    }

    /**
     * Runs forward (training mode) + loss, backward, the gradient hook and the update.
     *
     * @param batch   the prepared batch
     * @param targets one target per output row
     * @param step    the global step (passed to the hook)
     * @return the loss and accuracy counts
     */
    public Result run(PreparedBatch batch, int[] targets, long step) {
        DeviceArray out = net.forward(batch, true);
        long t = Profiler.start();
        double l = loss.forward(out, targets);
        long correct = correct(out, targets);
        Profiler.section("train.loss", t);
        net.backward(loss.gradient());
        t = Profiler.start();
        hook.afterBackward(net.parameters(), step);
        Profiler.section("train.gradient_hook", t);
        t = Profiler.start();
        optimizer.step(net.parameters());
        Profiler.section("train.optimizer", t);
        return new Result(l, correct, targets.length);
    }

    /** Rows of {@code outputs} whose argmax (first maximum) equals the target. */
    static long correct(DeviceArray outputs, int[] targets) {
        float[] v = outputs.backend().toFloatArray(outputs);
        int width = (int) outputs.columns();
        long c = 0;
        for (int r = 0; r < targets.length; r++) {
            int o = r * width;
            int best = 0;
            for (int j = 1; j < width; j++) {
                if (v[o + j] > v[o + best]) {
                    best = j;
                }
            }
            if (best == targets[r]) {
                c++;
            }
        }
        return c;
    }
}
