package org.pointea.tools.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.Buffer;
import org.pointea.models.backend.BufferRegistry;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.Profiler;
import org.pointea.models.loss.CrossEntropy;
import org.pointea.models.nn.Linear;
import org.pointea.models.nn.LocalOp;
import org.pointea.models.nn.Neighborhoods;
import org.pointea.models.nn.ParamStore;
import org.pointea.models.optim.Adam;
import org.pointea.models.pct.PctInput;

/**
 * The PCT Local_op block of {@code engine-notes.md} (probe 2), in pointea's engine: x [B·1024, 64]
 * (its gradient is computed) → sample-and-group 512 × 32 + Local_op (128) → max over the 512 centres →
 * Linear 128→40 → cross entropy; Adam(1e-3); median of 5 steps after 2 warm-ups. The PyTorch peer is
 * {@code tools/peers/local_op_block.py}.
 *
 * <pre>java -cp ... org.pointea.tools.bench.LocalOpBench [--batch 32] [--profile]</pre>
 */
public final class LocalOpBench {
    private LocalOpBench() {
    }

    /** Runs the block benchmark and prints JSON. */
    public static void main(String[] args) {
        Backend be = Backends.cpu();
        int batch = 32;
        boolean profile = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--profile" -> profile = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        int n = 1024;
        int s = 512;
        int k = 32;
        int c = 64;
        SplittableRandom rnd = new SplittableRandom(0);
        // stage 0 of PCT's grouping: 512 FPS centres x 32 nearest points per cloud
        PctInput grouped = BenchGrouping.randomInput(batch, n, s, Math.min(s, 2), k, 1);
        int[] centres = new int[batch * s];
        int[] nbr = new int[batch * s * k];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (i / s) * n + grouped.fps0()[i];
        }
        for (int i = 0; i < nbr.length; i++) {
            nbr[i] = (i / (s * k)) * n + grouped.knn0()[i];
        }
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = rnd.nextInt(40);
        }
        List<Double> times = new ArrayList<>();
        Neighborhoods nb = new Neighborhoods(centres, nbr, k, batch * n).prepare();
        try (ParamStore ps = new ParamStore(be, DType.FLOAT);
             BufferRegistry buffers = new BufferRegistry(be);
             Adam adam = new Adam(1e-3, 0);
             CrossEntropy ce = CrossEntropy.of(0)) {
            LocalOp op = new LocalOp(ps, buffers, "g", c, 128);
            Linear fc = new Linear(ps, buffers, "fc", 40, true, 128);
            ps.initialise(0);
            DeviceArray x = buffers.buffer("x").get(DType.FLOAT, (long) batch * n, c);
            double[] xv = new double[batch * n * c];
            for (int i = 0; i < xv.length; i++) {
                xv[i] = rnd.nextGaussian();
            }
            be.upload(xv, x);
            Buffer pooled = buffers.buffer("pooled");
            Buffer dPooled = buffers.buffer("dPooled");
            for (int it = 0; it < 7; it++) {
                if (profile && it == 2) {
                    Profiler.reset();
                    Profiler.enable(true);
                }
                long t0 = System.nanoTime();
                DeviceArray f = op.forward(x, nb, true);
                DeviceArray g = pooled.get(DType.FLOAT, batch, 128);
                be.maxOverGroups(f, s, g);
                ce.forward(fc.forward(g), labels);
                DeviceArray dg = fc.backward(ce.gradient())[0];
                DeviceArray df = dPooled.get(DType.FLOAT, f.shape());
                be.maxOverGroupsBackward(f, dg, s, df);
                op.backward(df);
                adam.step(ps);
                if (it >= 2) {
                    times.add((System.nanoTime() - t0) / 1e9);
                }
            }
        }
        if (profile) {
            System.err.print(Profiler.report(5));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("impl", "pointea");
        out.put("batch", batch);
        out.put("train_step_s", ModelBench.median(times));
        out.put("train_steps_s", times);
        out.put("peak_rss_mb", ModelBench.peakRssMb());
        out.put("load", ModelBench.loadAverage()[0]);
        System.out.println(ModelBench.toJson(out));
    }
}
