package org.pointea.models.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.loss.CrossEntropy;
import org.pointea.models.network.CloudBatch;
import org.pointea.models.network.Network;
import org.pointea.models.network.PreparedBatch;
import org.pointea.models.optim.Sgd;
import org.pointea.models.testing.Nets;
import org.pointea.models.testing.Tiny;

/** The step's seam: the gradient hook sees every gradient and its changes reach the update. */
class TrainStepTest {

    static float[] clouds(int b, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] xyz = new float[b * 64 * 3];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) r.nextDouble(-1, 1);
        }
        return xyz;
    }

    @Test
    void theHookRunsBetweenBackwardAndTheUpdate() {
        try (Network net = Tiny.classifier().create(Backends.cpu(), DType.FLOAT, 1);
             CrossEntropy ce = CrossEntropy.pct(); Sgd sgd = new Sgd(0.1, 0, 0)) {
            PreparedBatch b = net.prepare(CloudBatch.of(2, 64, clouds(2, 1)));
            float[] before = Nets.weights(net);
            List<Long> steps = new ArrayList<>();
            double[] norm = new double[1];
            GradientHook zero = (params, step) -> {
                steps.add(step);
                float[] g = new float[(int) params.count()];
                params.gradientsToHost(g);
                for (float v : g) {
                    norm[0] += Math.abs(v);
                }
                params.gradientsFromHost(new float[g.length]);
            };
            TrainStep.Result r = new TrainStep(net, ce, sgd, zero).run(b, new int[] {0, 1}, 41);
            assertThat(steps).containsExactly(41L);
            assertThat(norm[0]).as("the hook saw the gradients").isPositive();
            assertThat(r.rows()).isEqualTo(2);
            assertThat(r.correct()).isBetween(0L, 2L);
            float[] after = Nets.weights(net);
            int params = (int) net.parameters().count();
            for (int i = 0; i < params; i++) {
                assertThat(after[i]).as("parameter %d after a zeroed gradient", i).isEqualTo(before[i]);
            }
        }
    }

    /**
     * Two workers, each on its half of a batch, averaging their gradients in the hook (as a
     * data-parallel trainer does) apply the same update: their weights stay identical.
     */
    @Test
    void averagingHookKeepsWorkersInStep() throws Exception {
        int workers = 2;
        float[][] grads = new float[workers][];
        CyclicBarrier gathered = new CyclicBarrier(workers);
        CyclicBarrier averaged = new CyclicBarrier(workers);
        float[][] weights = new float[workers][];
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int rank = w;
            Thread t = new Thread(() -> {
                try (Network net = Tiny.classifier().create(Backends.cpu(), DType.FLOAT, 3);
                     CrossEntropy ce = CrossEntropy.pct(); Sgd sgd = new Sgd(0.05, 0.9, 5e-4)) {
                    GradientHook allReduce = (params, step) -> {
                        try {
                            float[] g = new float[(int) params.count()];
                            params.gradientsToHost(g);
                            grads[rank] = g;
                            gathered.await();
                            float[] mean = new float[g.length];
                            for (int i = 0; i < g.length; i++) {
                                mean[i] = (grads[0][i] + grads[1][i]) / 2;
                            }
                            averaged.await();
                            params.gradientsFromHost(mean);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    };
                    TrainStep step = new TrainStep(net, ce, sgd, allReduce);
                    for (int s = 0; s < 3; s++) {
                        net.reseedDropout(100L * s + rank);
                        PreparedBatch b = net.prepare(CloudBatch.of(2, 64, clouds(2, 10L * s + rank)));
                        step.run(b, new int[] {rank, 2}, s);
                    }
                    float[] all = Nets.weights(net);
                    weights[rank] = java.util.Arrays.copyOf(all, (int) net.parameters().count());
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(errors).isEmpty();
        assertThat(Nets.bits(weights[1])).isEqualTo(Nets.bits(weights[0]));
    }
}
