package org.pointea.models.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A pointwise linear map over {@code [perPoint | perCloud]} where the per-cloud features (global
 * max, mean, category embedding in PCT's segmentation head) would be repeated for every point of
 * the cloud: {@code y = x Waᵀ + expand(Σ g_i W_iᵀ) + b}. The repetition is never materialised; the
 * per-cloud part costs one small GEMM per cloud instead of one per point. The weight is one
 * parameter {@code [out, in + Σ cloudIn_i]}, as PyTorch's conv over the concatenation.
 */
public final class BroadcastLinear implements AutoCloseable {
    private final Param weight;
    private final Param bias;
    private final int in;
    private final int[] cloudIn;
    private final int[] offsets;
    private final int out;
    private final DataType dt;
    private final Buf y = new Buf();
    private final Buf g = new Buf();
    private final Buf dG = new Buf();
    private final Buf dx = new Buf();
    private final Buf[] dCloud;
    private INDArray x;
    private INDArray[] clouds;
    private int points;

    /** Registers {@code name.weight [out, in + Σ cloudIn]} and {@code name.bias} if requested. */
    public BroadcastLinear(ParamStore ps, String name, int out, boolean bias, int in, int... cloudIn) {
        this.in = in;
        this.cloudIn = cloudIn.clone();
        this.offsets = new int[cloudIn.length + 1];
        offsets[0] = in;
        for (int i = 0; i < cloudIn.length; i++) {
            offsets[i + 1] = offsets[i] + cloudIn[i];
        }
        this.out = out;
        this.dt = ps.dtype();
        int fanIn = offsets[cloudIn.length];
        this.weight = ps.add(name + ".weight", Param.fanIn(fanIn), out, fanIn);
        this.bias = bias ? ps.add(name + ".bias", Param.fanIn(fanIn), 1, out) : null;
        this.dCloud = new Buf[cloudIn.length];
        for (int i = 0; i < cloudIn.length; i++) {
            dCloud[i] = new Buf();
        }
    }

    private INDArray cols(INDArray w, int from, int to) {
        return w.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }

    /** Forward: {@code x [clouds·points, in]}, each {@code cloud[i] [clouds, cloudIn_i]}. */
    public INDArray forward(INDArray x, int points, INDArray... cloud) {
        this.x = x;
        this.clouds = cloud;
        this.points = points;
        long rows = x.rows();
        long nClouds = rows / points;
        INDArray yy = y.get(dt, rows, out);
        Ops.gemm(x, cols(weight.value(), 0, in), yy, false, true);
        INDArray gg = g.get(dt, nClouds, out);
        for (int i = 0; i < cloud.length; i++) {
            Ops.gemm(cloud[i], cols(weight.value(), offsets[i], offsets[i + 1]), gg, false, true, 1.0, i == 0 ? 0 : 1);
        }
        if (bias != null) {
            gg.addiRowVector(bias.value());
        }
        Ops.addToGroups(yy, gg, points);
        return yy;
    }

    /**
     * Backward: writes the gradients and returns {@code [dx, dCloud_0, …]} (arrays owned by this
     * layer).
     */
    public INDArray[] backward(INDArray dy) {
        long nClouds = dy.rows() / points;
        INDArray dg = dG.get(dt, nClouds, out);
        Ops.meanOverGroups(dy, points, dg);
        dg.muli(points);
        INDArray[] result = new INDArray[1 + cloudIn.length];
        Ops.gemm(dy, x, cols(weight.grad(), 0, in), true, false);
        INDArray d = dx.get(dt, dy.rows(), in);
        Ops.gemm(dy, cols(weight.value(), 0, in), d, false, false);
        result[0] = d;
        for (int i = 0; i < cloudIn.length; i++) {
            Ops.gemm(dg, clouds[i], cols(weight.grad(), offsets[i], offsets[i + 1]), true, false);
            INDArray dc = dCloud[i].get(dt, nClouds, cloudIn[i]);
            Ops.gemm(dg, cols(weight.value(), offsets[i], offsets[i + 1]), dc, false, false);
            result[1 + i] = dc;
        }
        if (bias != null) {
            Ops.columnSums(dg, bias.grad());
        }
        return result;
    }

    @Override
    public void close() {
        for (Buf b : new Buf[] {y, g, dG, dx}) {
            b.close();
        }
        for (Buf b : dCloud) {
            b.close();
        }
    }
}
