package org.pointea.models.cuda;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.loss.CrossEntropy;
import org.pointea.models.network.CloudBatch;
import org.pointea.models.network.Network;
import org.pointea.models.network.PreparedBatch;
import org.pointea.models.optim.Sgd;
import org.pointea.models.pct.PctClassifierConfig;
import org.pointea.models.trainer.GradientHook;
import org.pointea.models.trainer.TrainStep;

/**
 * The device check's {@code bench model}: training-step and inference-step times of the published
 * PCT classifier (external attention) at B = 32 × 1,024 points on the CUDA backend, as
 * {@code pointea bench model} measures them on the CPU (SGD 0.01 / 0.9 / 5e-4, PCT's label-smoothed
 * cross entropy, grouping prepared once; each step ends with the device synchronised, an inference
 * step with the logits copied to the host), and the GPU memory it used.
 */
final class StepTimes {
    private StepTimes() {
    }

    /** Measures {@code steps} steps after {@code warmup}; times in seconds, medians and all. */
    static Map<String, Object> measure(CudaBackend be, int batch, int warmup, int steps) {
        PctClassifierConfig cfg = PctClassifierConfig.published(40);
        SplittableRandom rnd = new SplittableRandom(1);
        float[] xyz = new float[batch * cfg.points() * 3];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = rnd.nextInt(cfg.classes());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", cfg.summary());
        out.put("batch", batch);
        out.put("points", cfg.points());
        CudaDevice dev = be.device();
        long[] mem0 = dev.memoryInfo();
        try (Network net = cfg.create(be, DType.FLOAT, 0);
             Sgd sgd = new Sgd(0.01, 0.9, 5e-4);
             CrossEntropy loss = CrossEntropy.pct()) {
            out.put("params", net.parameterCount());
            long p0 = System.nanoTime();
            PreparedBatch in = net.prepare(CloudBatch.of(batch, cfg.points(), xyz));
            out.put("prepare_s", (System.nanoTime() - p0) / 1e9);
            TrainStep step = new TrainStep(net, loss, sgd, GradientHook.NONE);
            double[] lossValue = {Double.NaN};
            double[] train = time(dev, warmup, steps, () -> lossValue[0] = step.run(in, labels, 0).loss());
            double[] infer = time(dev, warmup, steps, () -> {
                DeviceArray o = net.forward(in, false);
                be.toFloatArray(o);
            });
            out.put("train_step_s", median(train));
            out.put("infer_step_s", median(infer));
            out.put("train_steps_s", train);
            out.put("infer_steps_s", infer);
            out.put("loss", lossValue[0]);
            out.put("target_train_step_s", 0.060);
            DevicePool.Stats s = dev.pool().stats();
            long[] mem1 = dev.memoryInfo();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pool_peak_in_use_mb", s.peakInUse() / 1048576.0);
            m.put("pool_peak_reserved_mb", s.peakReserved() / 1048576.0);
            m.put("device_used_before_mb", (mem0[1] - mem0[0]) / 1048576.0);
            m.put("device_used_after_mb", (mem1[1] - mem1[0]) / 1048576.0);
            m.put("device_total_mb", mem1[1] / 1048576.0);
            out.put("gpu_memory", m);
        }
        return out;
    }

    private static double[] time(CudaDevice dev, int warmup, int steps, Runnable r) {
        for (int i = 0; i < warmup; i++) {
            r.run();
        }
        dev.synchronize();
        double[] s = new double[steps];
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            r.run();
            dev.synchronize();
            s[i] = (System.nanoTime() - t0) / 1e9;
        }
        return s;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length == 0 ? Double.NaN : c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
