package org.pointea.tools.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.factory.Nd4j;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.BinaryOp;
import org.pointea.models.backend.BufferRegistry;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.nd4j.Nd4jInterop;
import org.pointea.models.nn.Activation;
import org.pointea.models.nn.BatchNorm;
import org.pointea.models.nn.ParamStore;
import org.pointea.models.nn.ScatterPlan;

/**
 * The ND4J operations behind pointea's layers against the obvious ND4J call for the same job, on
 * the PCT grouping tensor ({@code [524288, 128]} floats = 256 MB): each pair timed alternately,
 * medians of 5. This is the evidence for the "slow op → replacement" table of docs/engine.md.
 *
 * <pre>java -cp ... org.pointea.tools.bench.OpBench [--json]</pre>
 */
public final class OpBench {
    private static final int R = 524288;
    private static final int C = 128;

    private OpBench() {
    }

    private record Pair(String job, String slow, Runnable slowRun, String fast, Runnable fastRun) {
    }

    /** Runs every pair. */
    public static void main(String[] args) {
        Backend be = Backends.cpu();
        boolean json = args.length > 0 && args[0].equals("--json");
        INDArray x = Nd4j.rand(DataType.FLOAT, R, C).subi(0.5);
        INDArray y = Nd4j.rand(DataType.FLOAT, R, C);
        INDArray z = Nd4j.create(DataType.FLOAT, R, C);
        INDArray s = Nd4j.create(DataType.FLOAT, R, C);
        INDArray row = Nd4j.rand(DataType.FLOAT, 1, C);
        INDArray col = Nd4j.create(DataType.FLOAT, 1, C);
        INDArray mean = Nd4j.rand(DataType.FLOAT, 1, C);
        INDArray var = Nd4j.rand(DataType.FLOAT, 1, C).addi(0.5);
        INDArray g = Nd4j.ones(DataType.FLOAT, C);
        INDArray b = Nd4j.zeros(DataType.FLOAT, C);
        INDArray w = Nd4j.rand(DataType.FLOAT, C, C);
        // BN backward through pointea's BatchNorm
        DeviceArray dx = Nd4jInterop.wrap(x);
        DeviceArray dy = Nd4jInterop.wrap(y);
        DeviceArray dz = Nd4jInterop.wrap(z);
        DeviceArray ds = Nd4jInterop.wrap(s);
        ParamStore ps = new ParamStore(be, DType.FLOAT);
        BatchNorm bn = new BatchNorm(ps, new BufferRegistry(be), "bn", C);
        ps.initialise(0);
        bn.trainStatistics(dx, ds);
        INDArray[] bnOut = new INDArray[5];
        for (int i = 0; i < 5; i++) {
            bnOut[i] = Nd4j.create(DataType.FLOAT, i == 0 ? new long[] {1, R, 1, C} : new long[] {C});
        }
        // kNN-like neighbour indices: 32 k targets, each hit ~16 times, clustered per cloud
        Random rnd = new Random(1);
        int targets = 32768;
        int[] idx = new int[R];
        for (int i = 0; i < R; i++) {
            int cloud = i / (R / 32);
            idx[i] = cloud * 1024 + rnd.nextInt(1024);
        }
        INDArray idxA = Nd4j.createFromArray(idx);
        ScatterPlan plan = new ScatterPlan(idx, targets);
        BufferRegistry planBuffers = new BufferRegistry(be);
        List<org.pointea.models.backend.Buffer> planSlots = new ArrayList<>();
        ScatterPlan.IndexSlots slots = (slot, n) -> {
            while (planSlots.size() <= slot) {
                planSlots.add(planBuffers.buffer("plan" + planSlots.size()));
            }
            return planSlots.get(slot).get(DType.INT, n);
        };
        INDArray gExt = Nd4j.rand(DataType.FLOAT, R + 1, C);
        gExt.getRow(R).assign(0);
        INDArray gRows = gExt.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, R),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray acc = Nd4j.create(DataType.FLOAT, targets, C);
        INDArray acc2 = Nd4j.create(DataType.FLOAT, targets, C);
        INDArray work = Nd4j.create(DataType.FLOAT, plan.maxBucketRows(), C);
        INDArray out = Nd4j.create(DataType.FLOAT, targets, C);
        INDArray pooled = Nd4j.create(DataType.FLOAT, R / 32, C);
        long k = 32;
        DeviceArray dRow = Nd4jInterop.wrap(row);
        DeviceArray dCol = Nd4jInterop.wrap(col);
        DeviceArray dMean = Nd4jInterop.wrap(mean);
        DeviceArray dVar = Nd4jInterop.wrap(var);
        DeviceArray dW = Nd4jInterop.wrap(w);
        DeviceArray dPooled = Nd4jInterop.wrap(pooled);
        DeviceArray dExt = Nd4jInterop.wrap(gExt);
        DeviceArray dOut = Nd4jInterop.wrap(out);
        DeviceArray dAcc = Nd4jInterop.wrap(acc);
        DeviceArray dWork = Nd4jInterop.wrap(work);
        List<Pair> pairs = List.of(
                new Pair("per-channel sums of [R, C]", "INDArray.sum(0)", () -> x.sum(0).close(),
                        "GEMV ones·x (Backend.sumColumns)", () -> be.sumColumns(dx, dCol)),
                new Pair("batch-norm forward", "batchnorm op, 2-D [R, C] axis 1",
                        () -> exec("batchnorm", new INDArray[] {x, mean.reshape(C), var.reshape(C), g, b},
                                new INDArray[] {z}, new long[] {1, 1, 1}, new double[] {1e-5}),
                        "batchnorm op on an NHWC view [1, R, 1, C] axis 3 (Backend.batchNorm)",
                        () -> be.batchNorm(dx, dMean, dVar, dRow, dCol, 1e-5, dz)),
                new Pair("batch-norm backward", "batchnorm_bp op (NHWC view)",
                        () -> exec("batchnorm_bp", new INDArray[] {x.reshape(1, R, 1, C), mean.reshape(C),
                                var.reshape(C), g, b, y.reshape(1, R, 1, C)}, bnOut, new long[] {1, 1, 3},
                                new double[] {1e-5}),
                        "GEMV sums + 4 passes (BatchNorm.backward)", () -> {
                            z.assign(y);
                            bn.backward(dz, dx, ds);
                        }),
                new Pair("neighbour-gather backward (scatter-add)", "scatter_add op", () -> {
                    acc2.assign(0);
                    exec("scatter_add", new INDArray[] {acc2, idxA, gRows}, new INDArray[] {acc2}, null, null);
                }, "ScatterPlan (bucketed gather + avgpool)", () -> plan.apply(dExt, dOut, dAcc, dWork, slots)),
                new Pair("neighbour-gather backward, alternative", "unsorted_segment_sum op",
                        () -> exec("unsorted_segment_sum", new INDArray[] {gRows, idxA}, new INDArray[] {acc2},
                                new long[] {targets}, null),
                        "ScatterPlan", () -> plan.apply(dExt, dOut, dAcc, dWork, slots)),
                new Pair("LeakyReLU(0.2)", "LeakyReLU scalar op", () -> Nd4j.exec(new LeakyReLU(x, z, 0.2)),
                        "max(x, 0.2x) (Activation.LEAKY_RELU)", () -> {
                            z.assign(x);
                            Activation.LEAKY_RELU.forwardInPlace(dz, ds);
                        }),
                new Pair("ReLU backward", "relu_bp op",
                        () -> exec("relu_bp", new INDArray[] {x, y}, new INDArray[] {z}, null, new double[] {0}),
                        "step + multiply", () -> {
                            z.assign(y);
                            Activation.RELU.backwardInPlace(dz, dx, ds);
                        }),
                new Pair("row-broadcast multiply", "INDArray.mulRowVector (allocates)",
                        () -> x.mulRowVector(row).close(), "multiply op into a reused array",
                        () -> be.binary(BinaryOp.MULTIPLY, dx, dRow, dz)),
                new Pair("max over groups of 32 rows", "maxpool2d NCHW [1, C, R/32, 32]",
                        () -> exec("maxpool2d", new INDArray[] {s.reshape(1, C, R / 32, 32)},
                                new INDArray[] {pooled.reshape(1, C, R / 32, 1)},
                                new long[] {1, 32, 1, 32, 0, 0, 1, 1, 0, 0, 0}, null),
                        "maxpool2d NHWC [R/32, 32, 1, C] (Backend.maxOverGroups)",
                        () -> be.maxOverGroups(dx, k, dPooled)),
                new Pair("1x1 conv [R, C]·Wᵀ", "INDArray.mmul (allocates)", () -> x.mmul(w.transpose()).close(),
                        "matmul op into a reused array (Backend.gemm)", () -> be.gemm(dx, dW, dz, false, true, 1, 0)),
                new Pair("256 MB temporary", "Nd4j.create + close", () -> Nd4j.create(DataType.FLOAT, R, C).close(),
                        "reused buffer (assign 0)", () -> z.assign(0)));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Pair p : pairs) {
            p.slowRun().run();
            p.fastRun().run();
            double[] ts = new double[5];
            double[] tf = new double[5];
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                p.slowRun().run();
                long t1 = System.nanoTime();
                p.fastRun().run();
                long t2 = System.nanoTime();
                ts[i] = (t1 - t0) / 1e6;
                tf[i] = (t2 - t1) / 1e6;
            }
            Arrays.sort(ts);
            Arrays.sort(tf);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("job", p.job());
            m.put("nd4j", p.slow());
            m.put("nd4j_ms", ts[2]);
            m.put("pointea", p.fast());
            m.put("pointea_ms", tf[2]);
            m.put("speedup", ts[2] / tf[2]);
            rows.add(m);
            if (!json) {
                System.out.printf(Locale.ROOT, "| %s | %s | %.0f ms | %s | %.0f ms | %.1f× |%n", p.job(), p.slow(), ts[2],
                        p.fast(), tf[2], ts[2] / tf[2]);
            }
        }
        if (json) {
            StringBuilder sb = new StringBuilder("[");
            for (Map<String, Object> m : rows) {
                sb.append(sb.length() > 1 ? ", " : "").append(ModelBench.toJson(m));
            }
            System.out.println(sb.append("]"));
        }
        System.err.printf(Locale.ROOT, "load %.2f%n", ModelBench.loadAverage()[0]);
    }

    /** Runs the libnd4j custom op {@code name} directly. */
    private static void exec(String name, INDArray[] in, INDArray[] out, long[] iArgs, double[] tArgs) {
        org.nd4j.linalg.api.ops.DynamicCustomOp op = org.nd4j.linalg.api.ops.DynamicCustomOp.builder(name)
                .addInputs(in).addOutputs(out).build();
        if (iArgs != null && iArgs.length > 0) {
            op.addIArgument(iArgs);
        }
        if (tArgs != null && tArgs.length > 0) {
            op.addTArgument(tArgs);
        }
        Nd4j.exec(op);
    }
}
