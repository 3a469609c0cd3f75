package org.pointea.tools.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.pointea.models.backend.Backends;
import org.pointea.models.pct.PctInput;

/**
 * The engine-notes "floor": the Local_op block of {@link LocalOpBench} as a DL4J
 * {@code ComputationGraph} in NCHW with the standard layers (1×1 {@code ConvolutionLayer},
 * {@code BatchNormalization}, max {@code SubsamplingLayer} over the neighbours, global max pooling,
 * softmax output) and oneDNN helpers live (the CPU backend's runtime settings), after a custom grouping vertex (native
 * {@code gather} forward, native {@code scatter_add} backward) — probe 2's formulation "A". Same data,
 * loss and optimizer as {@link LocalOpBench}.
 *
 * <pre>java -cp ... org.pointea.tools.bench.Dl4jLocalOpBench [--batch 32]</pre>
 */
public final class Dl4jLocalOpBench {
    private Dl4jLocalOpBench() {
    }

    /** Runs the block and prints JSON. */
    public static void main(String[] args) {
        Backends.cpu();
        int batch = args.length == 2 && args[0].equals("--batch") ? Integer.parseInt(args[1]) : 32;
        int n = 1024;
        int s = 512;
        int k = 32;
        int c = 64;
        PctInput grouped = BenchGrouping.randomInput(batch, n, s, 2, k, 1);
        int[] centres = new int[batch * s];
        int[] nbr = new int[batch * s * k];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (i / s) * n + grouped.fps0()[i];
        }
        for (int i = 0; i < nbr.length; i++) {
            nbr[i] = (i / (s * k)) * n + grouped.knn0()[i];
        }
        GroupVertex.centres = Nd4j.createFromArray(centres);
        GroupVertex.neighbours = Nd4j.createFromArray(nbr);
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(0).dataType(DataType.FLOAT).updater(new Adam(1e-3))
                .graphBuilder()
                .addInputs("x")
                .setInputTypes(InputType.convolutional(n, 1, c, CNN2DFormat.NCHW))
                .addVertex("group", new GroupConf(batch, c, n, s, k), "x")
                .addLayer("c1", new ConvolutionLayer.Builder(1, 1).nOut(128).hasBias(false)
                        .activation(Activation.IDENTITY).dataFormat(CNN2DFormat.NCHW).build(), "group")
                .addLayer("b1", new BatchNormalization.Builder().activation(Activation.RELU).build(), "c1")
                .addLayer("c2", new ConvolutionLayer.Builder(1, 1).nOut(128).hasBias(false)
                        .activation(Activation.IDENTITY).dataFormat(CNN2DFormat.NCHW).build(), "b1")
                .addLayer("b2", new BatchNormalization.Builder().activation(Activation.RELU).build(), "c2")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(1, k).stride(1, k)
                        .dataFormat(CNN2DFormat.NCHW).build(), "b2")
                .addLayer("gpool", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "pool")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(40)
                        .activation(Activation.SOFTMAX).build(), "gpool")
                .setOutputs("out")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        SplittableRandom rnd = new SplittableRandom(0);
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, c, n, 1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 40);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, rnd.nextInt(40), 1f);
        }
        DataSet ds = new DataSet(x, y);
        List<Double> times = new ArrayList<>();
        for (int it = 0; it < 7; it++) {
            long t0 = System.nanoTime();
            net.fit(ds);
            if (it >= 2) {
                times.add((System.nanoTime() - t0) / 1e9);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("impl", "dl4j-computationgraph-nchw");
        out.put("batch", batch);
        out.put("train_step_s", ModelBench.median(times));
        out.put("train_steps_s", times);
        out.put("peak_rss_mb", ModelBench.peakRssMb());
        out.put("helpers", net.getLayer("c1").getHelper() == null ? "none"
                : net.getLayer("c1").getHelper().getClass().getSimpleName());
        out.put("load", ModelBench.loadAverage()[0]);
        System.out.println(ModelBench.toJson(out));
    }

    /** Configuration of the grouping vertex: [B, C, N, 1] → [B, 2C, S, K], PCT's [x_n − x_c ; x_c]. */
    public static final class GroupConf extends GraphVertex {
        private static final long serialVersionUID = 1L;
        private int batch;
        private int channels;
        private int points;
        private int centres;
        private int k;

        /** For serialisation. */
        public GroupConf() {
        }

        GroupConf(int batch, int channels, int points, int centres, int k) {
            this.batch = batch;
            this.channels = channels;
            this.points = points;
            this.centres = centres;
            this.k = k;
        }

        @Override
        public GraphVertex clone() {
            return new GroupConf(batch, channels, points, centres, k);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GroupConf g && g.batch == batch && g.channels == channels && g.points == points
                    && g.centres == centres && g.k == k;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(batch, channels, points, centres, k);
        }

        @Override
        public long numParams(boolean backprop) {
            return 0;
        }

        @Override
        public int minVertexInputs() {
            return 1;
        }

        @Override
        public int maxVertexInputs() {
            return 1;
        }

        @Override
        public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name,
                int idx, INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
            return new GroupVertex(graph, name, idx, this, networkDatatype);
        }

        @Override
        public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
            return InputType.convolutional(centres, k, 2L * channels, CNN2DFormat.NCHW);
        }

        @Override
        public MemoryReport getMemoryReport(InputType... inputTypes) {
            return new LayerMemoryReport.Builder(null, GroupConf.class, inputTypes[0], getOutputType(0, inputTypes))
                    .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
        }
    }

    /** Runs the libnd4j custom op {@code name}. */
    static void exec(String name, INDArray[] in, INDArray[] out, long... iArgs) {
        org.nd4j.linalg.api.ops.DynamicCustomOp op = org.nd4j.linalg.api.ops.DynamicCustomOp.builder(name)
                .addInputs(in).addOutputs(out).build();
        if (iArgs.length > 0) {
            op.addIArgument(iArgs);
        }
        Nd4j.exec(op);
    }

    /** The grouping vertex: native gather forward, native scatter_add backward. */
    static final class GroupVertex extends BaseGraphVertex {
        static INDArray centres;
        static INDArray neighbours;
        private final GroupConf conf;

        GroupVertex(ComputationGraph graph, String name, int idx, GroupConf conf, DataType dt) {
            super(graph, name, idx, (VertexIndices[]) null, (VertexIndices[]) null, dt);
            this.conf = conf;
        }

        @Override
        public boolean hasLayer() {
            return false;
        }

        @Override
        public Layer getLayer() {
            return null;
        }

        @Override
        public INDArray doForward(boolean training, LayerWorkspaceMgr mgr) {
            long b = conf.batch;
            long c = conf.channels;
            long n = conf.points;
            long s = conf.centres;
            long k = conf.k;
            try (MemoryWorkspace ws = mgr.notifyScopeBorrowed(ArrayType.ACTIVATIONS)) {
                INDArray rows = inputs[0].reshape(b, c, n).permute(0, 2, 1).dup('c').reshape(b * n, c);
                INDArray g = Nd4j.create(dataType, b * s * k, c);
                exec("gather", new INDArray[] {rows, neighbours}, new INDArray[] {g}, 0);
                INDArray ctr = Nd4j.create(dataType, b * s, c);
                exec("gather", new INDArray[] {rows, centres}, new INDArray[] {ctr}, 0);
                INDArray ctrK = ctr.reshape(b * s, 1, c).broadcast(b * s, k, c);
                INDArray grouped = Nd4j.concat(2, g.reshape(b * s, k, c).sub(ctrK), ctrK);
                return grouped.reshape(b, s, k, 2 * c).permute(0, 3, 1, 2).dup('c');
            }
        }

        @Override
        public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr mgr) {
            long b = conf.batch;
            long c = conf.channels;
            long n = conf.points;
            long s = conf.centres;
            long k = conf.k;
            try (MemoryWorkspace ws = mgr.notifyScopeBorrowed(ArrayType.ACTIVATION_GRAD)) {
                INDArray e = epsilon.permute(0, 2, 3, 1).dup('c').reshape(b * s * k, 2 * c);
                INDArray left = e.get(NDArrayIndex.all(), NDArrayIndex.interval(0, c)).dup('c');
                INDArray right = e.get(NDArrayIndex.all(), NDArrayIndex.interval(c, 2 * c)).dup('c');
                INDArray d = Nd4j.zeros(dataType, b * n, c);
                exec("scatter_add", new INDArray[] {d, neighbours, left}, new INDArray[] {d});
                INDArray dc = right.subi(left).reshape(b * s, k, c).sum(1);
                exec("scatter_add", new INDArray[] {d, centres, dc}, new INDArray[] {d});
                INDArray dx = d.reshape(b, n, c).permute(0, 2, 1).dup('c').reshape(b, c, n, 1);
                return new Pair<>(new DefaultGradient(), new INDArray[] {dx});
            }
        }

        @Override
        public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
            if (backpropGradientsViewArray != null) {
                throw new IllegalStateException("the grouping vertex has no parameters");
            }
        }

        @Override
        public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                              int minibatchSize) {
            return new Pair<>(null, currentMaskState);
        }

        @Override
        public String toString() {
            return "GroupVertex(" + getVertexName() + ")";
        }
    }
}
