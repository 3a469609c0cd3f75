package org.pointea.models.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.BufferRegistry;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.loss.CrossEntropy;
import org.pointea.models.network.CloudBatch;
import org.pointea.models.network.Network;
import org.pointea.models.network.NetworkConfig;
import org.pointea.models.optim.Sgd;
import org.pointea.models.testing.InProcessGroup;
import org.pointea.models.testing.Nets;
import org.pointea.models.testing.Tiny;
import org.pointea.models.trainer.GradientHook;
import org.pointea.models.trainer.TrainStep;

/**
 * The batch-norm statistics seam: workers that share their statistics through a
 * {@link BatchNormSync} normalise, back-propagate and update exactly as one process holding all
 * their rows (as PyTorch's SyncBatchNorm), and one worker with the seam is the plain layer bit for bit.
 */
class BatchNormSyncTest {
    static final Backend BE = Backends.cpu();

    static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(-2, 3);
        }
        return v;
    }

    /** One BN + ReLU layer's forward and backward over some rows; what a test compares. */
    record Pass(double[] y, double[] dx, double[] dGamma, double[] dBeta, double[] running) {
    }

    static Pass bnPass(double[] x, double[] dy, int rows, int channels, BatchNormSync sync) {
        ParamStore ps = new ParamStore(BE, DType.DOUBLE);
        BufferRegistry buffers = new BufferRegistry(BE);
        BnAct layer = new BnAct(ps, buffers, "bn", channels, Activation.RELU);
        ps.initialise(4);
        BE.upload(random(channels, 9), layer.batchNorm().gamma().value());
        BE.upload(random(channels, 10), layer.batchNorm().beta().value());
        ps.setBatchNormSync(sync);
        DeviceArray in = BE.allocate(DType.DOUBLE, rows, channels);
        BE.upload(x, in);
        double[] y = BE.toDoubleArray(layer.forward(in, true));
        DeviceArray g = BE.allocate(DType.DOUBLE, rows, channels);
        BE.upload(dy, g);
        double[] dx = BE.toDoubleArray(layer.backward(g));
        double[] running = new double[2 * channels];
        int at = 0;
        for (DeviceArray s : ps.states().values()) {
            double[] v = BE.toDoubleArray(s);
            System.arraycopy(v, 0, running, at, v.length);
            at += v.length;
        }
        Pass p = new Pass(y, dx, BE.toDoubleArray(layer.batchNorm().gamma().grad()),
                BE.toDoubleArray(layer.batchNorm().beta().grad()), running);
        in.close();
        g.close();
        buffers.close();
        ps.close();
        return p;
    }

    @Test
    void workersSharingStatisticsComputeTheWholeBatchsLayer() throws Exception {
        int channels = 5;
        int[] rowsOf = {7, 5, 9};       // uneven shares: the combination weighs workers by their rows
        int total = Arrays.stream(rowsOf).sum();
        double[] x = random(total * channels, 1);
        double[] dy = random(total * channels, 2);
        Pass whole = bnPass(x, dy, total, channels, null);

        InProcessGroup group = new InProcessGroup(rowsOf.length);
        Pass[] parts = new Pass[rowsOf.length];
        group.run(rank -> {
            int from = Arrays.stream(rowsOf, 0, rank).sum() * channels;
            int n = rowsOf[rank] * channels;
            parts[rank] = bnPass(Arrays.copyOfRange(x, from, from + n), Arrays.copyOfRange(dy, from, from + n),
                    rowsOf[rank], channels, group.batchNormSync(rank));
        });
        double[] y = new double[0];
        double[] dx = new double[0];
        double[] dGamma = new double[channels];
        double[] dBeta = new double[channels];
        for (Pass p : parts) {
            y = concat(y, p.y());
            dx = concat(dx, p.dx());
            for (int c = 0; c < channels; c++) {
                dGamma[c] += p.dGamma()[c];
                dBeta[c] += p.dBeta()[c];
            }
            assertThat(p.running()).as("every worker's running statistics").containsExactly(parts[0].running());
        }
        assertClose(y, whole.y(), 1e-12);
        assertClose(dx, whole.dx(), 1e-12);
        // parameter gradients stay local: their sum over the workers is the whole batch's
        assertClose(dGamma, whole.dGamma(), 1e-12);
        assertClose(dBeta, whole.dBeta(), 1e-12);
        assertClose(parts[0].running(), whole.running(), 1e-12);
    }

    @Test
    void withoutSharingEachWorkerNormalisesItsOwnRows() throws Exception {
        int channels = 3;
        double[] x = random(8 * channels, 3);
        double[] dy = random(8 * channels, 4);
        Pass whole = bnPass(x, dy, 8, channels, null);
        Pass half = bnPass(Arrays.copyOf(x, 4 * channels), Arrays.copyOf(dy, 4 * channels), 4, channels, null);
        assertThat(maxDiff(half.y(), Arrays.copyOf(whole.y(), 4 * channels))).isGreaterThan(1e-3);
    }

    @Test
    void oneWorkerWithTheSeamIsThePlainNetworkBitForBit() {
        float[] plain = trainTiny(null);
        float[] synced = trainTiny(local -> new double[][] {local});
        assertThat(Nets.bits(synced)).isEqualTo(Nets.bits(plain));
    }

    private static float[] trainTiny(BatchNormSync sync) {
        try (Network net = Tiny.classifier().withDropout(0).create(BE, DType.FLOAT, 5);
             CrossEntropy ce = CrossEntropy.pct(); Sgd sgd = new Sgd(0.1, 0.9, 1e-4)) {
            net.parameters().setBatchNormSync(sync);
            TrainStep step = new TrainStep(net, ce, sgd, GradientHook.NONE);
            for (int s = 0; s < 2; s++) {
                step.run(net.prepare(CloudBatch.of(4, 64, clouds(0, 4, s))), targets(0, 4, s), s);
            }
            return Nets.weights(net);
        }
    }

    /**
     * The network-level claim, in double precision so that only summation order separates the
     * two: 2 workers × 2 clouds with shared statistics and averaged gradients take the same 3 SGD
     * steps as one process with the 4 clouds, to 1e-10 (PCT's LocalOp fuses its second batch norm's
     * backward, so both batch-norm paths are covered). In float32 the summation order alone moves
     * the gradients by up to ~3e-5 of their scale after one step (cancellation in the batch-norm
     * reductions), and over further steps a max-pooling argmax can flip and the runs part by 1e-3
     * (measured: 4e-3 after 3 steps); so float is checked over one step.
     */
    @Test
    void twoWorkersOfTwoCloudsTrainAsOneProcessOfFour() throws Exception {
        assertWorkersMatchOneProcess(DType.DOUBLE, 3, 1e-10);
        assertWorkersMatchOneProcess(DType.FLOAT, 1, 1e-5);
    }

    private static void assertWorkersMatchOneProcess(DType dtype, int steps, double tolerance) throws Exception {
        int workers = 2;
        int b = 2;
        NetworkConfig cfg = Tiny.classifier().withDropout(0);
        double[] single;
        try (Network net = cfg.create(BE, dtype, 5); CrossEntropy ce = CrossEntropy.pct();
             Sgd sgd = new Sgd(0.1, 0.9, 1e-4)) {
            TrainStep step = new TrainStep(net, ce, sgd, GradientHook.NONE);
            for (int s = 0; s < steps; s++) {
                step.run(net.prepare(CloudBatch.of(workers * b, 64, clouds(0, workers * b, s))),
                        targets(0, workers * b, s), s);
            }
            single = weights(net);
        }
        InProcessGroup group = new InProcessGroup(workers);
        double[][] replicas = new double[workers][];
        group.run(rank -> {
            try (Network net = cfg.create(BE, dtype, 5); CrossEntropy ce = CrossEntropy.pct();
                 Sgd sgd = new Sgd(0.1, 0.9, 1e-4)) {
                net.parameters().setBatchNormSync(group.batchNormSync(rank));
                // averaged per parameter in double (ParamStore's float host view would round the
                // double network's gradients to float)
                GradientHook average = (params, s) -> {
                    for (Param p : params.params()) {
                        double[] g = BE.toDoubleArray(p.grad());
                        Object[] all = group.allGather(rank, g);
                        double[] mean = new double[g.length];
                        for (Object o : all) {
                            for (int i = 0; i < g.length; i++) {
                                mean[i] += ((double[]) o)[i];
                            }
                        }
                        for (int i = 0; i < g.length; i++) {
                            mean[i] /= all.length;
                        }
                        BE.upload(mean, p.grad());
                    }
                };
                TrainStep step = new TrainStep(net, ce, sgd, average);
                for (int s = 0; s < steps; s++) {
                    step.run(net.prepare(CloudBatch.of(b, 64, clouds(rank * b, b, s))), targets(rank * b, b, s), s);
                }
                replicas[rank] = weights(net);
            }
        });
        assertThat(replicas[1]).as("replicas stay identical").isEqualTo(replicas[0]);
        double worst = 0;
        for (int i = 0; i < single.length; i++) {
            worst = Math.max(worst, Math.abs(replicas[0][i] - single[i]) / Math.max(1, Math.abs(single[i])));
        }
        assertThat(worst).as("%s: largest difference to one process with the whole batch", dtype)
                .isLessThanOrEqualTo(tolerance);
    }

    /** Every parameter and running statistic in registration order, at the network's precision. */
    static double[] weights(Network net) {
        double[] out = new double[0];
        for (Param p : net.parameters().params()) {
            out = concat(out, BE.toDoubleArray(p.value()));
        }
        for (DeviceArray s : net.parameters().states().values()) {
            out = concat(out, BE.toDoubleArray(s));
        }
        return out;
    }

    /** Clouds {@code from..from+n-1} of step {@code s}'s global batch, packed. */
    static float[] clouds(int from, int n, int s) {
        float[] xyz = new float[n * 64 * 3];
        for (int c = 0; c < n; c++) {
            SplittableRandom r = new SplittableRandom(1000L * s + from + c);
            for (int i = 0; i < 64 * 3; i++) {
                xyz[c * 64 * 3 + i] = (float) r.nextDouble(-1, 1);
            }
        }
        return xyz;
    }

    static int[] targets(int from, int n, int s) {
        int[] t = new int[n];
        for (int c = 0; c < n; c++) {
            t[c] = (from + c + s) % 3;
        }
        return t;
    }

    static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    static void assertClose(double[] actual, double[] expected, double tol) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(tol * Math.max(1, Math.abs(expected[i]))));
        }
    }
}
