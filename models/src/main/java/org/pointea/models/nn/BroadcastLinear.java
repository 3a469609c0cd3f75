package org.pointea.models.nn;

import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BinaryOp;
import org.pointea.models.backend.Buffer;
import org.pointea.models.backend.BufferRegistry;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.ScalarOp;

/**
 * A pointwise linear map over {@code [perPoint | perCloud]} where the per-cloud features (global
 * max, mean, category embedding in PCT's segmentation head) would be repeated for every point of
 * the cloud: {@code y = x Waᵀ + expand(Σ g_i W_iᵀ) + b}. The repetition is never materialised; the
 * per-cloud part costs one small GEMM per cloud instead of one per point. The weight is one
 * parameter {@code [out, in + Σ cloudIn_i]}, as PyTorch's conv over the concatenation.
 */
public final class BroadcastLinear {
    private final Backend be;
    private final Param weight;
    private final Param bias;
    private final int in;
    private final int[] cloudIn;
    private final int[] offsets;
    private final int out;
    private final DType dt;
    private final Buffer y;
    private final Buffer g;
    private final Buffer dG;
    private final Buffer dx;
    private final Buffer[] dCloud;
    private DeviceArray x;
    private DeviceArray[] clouds;
    private int points;

    /** Registers {@code name.weight [out, in + Σ cloudIn]} and {@code name.bias} if requested. */
    public BroadcastLinear(ParamStore ps, BufferRegistry buffers, String name, int out, boolean bias, int in,
                           int... cloudIn) {
        this.be = ps.backend();
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
        this.y = buffers.buffer(name + ".out");
        this.g = buffers.buffer(name + ".perCloud");
        this.dG = buffers.buffer(name + ".dPerCloud");
        this.dx = buffers.buffer(name + ".dx");
        this.dCloud = new Buffer[cloudIn.length];
        for (int i = 0; i < cloudIn.length; i++) {
            dCloud[i] = buffers.buffer(name + ".dCloud" + i);
        }
    }

    private static DeviceArray cols(DeviceArray w, int from, int to) {
        return w.columns(from, to);
    }

    /** Forward: {@code x [clouds·points, in]}, each {@code cloud[i] [clouds, cloudIn_i]}. */
    public DeviceArray forward(DeviceArray x, int points, DeviceArray... cloud) {
        this.x = x;
        this.clouds = cloud;
        this.points = points;
        long rows = x.rows();
        long nClouds = rows / points;
        DeviceArray yy = y.get(dt, rows, out);
        be.gemm(x, cols(weight.value(), 0, in), yy, false, true, 1.0, 0.0);
        DeviceArray gg = g.get(dt, nClouds, out);
        for (int i = 0; i < cloud.length; i++) {
            be.gemm(cloud[i], cols(weight.value(), offsets[i], offsets[i + 1]), gg, false, true, 1.0, i == 0 ? 0 : 1);
        }
        if (bias != null) {
            be.binary(BinaryOp.ADD, gg, bias.value(), gg);
        }
        be.addToGroups(yy, gg, points);
        return yy;
    }

    /**
     * Backward: writes the gradients and returns {@code [dx, dCloud_0, …]} (arrays owned by this
     * layer).
     */
    public DeviceArray[] backward(DeviceArray dy) {
        long nClouds = dy.rows() / points;
        DeviceArray dg = dG.get(dt, nClouds, out);
        be.meanOverGroups(dy, points, dg);
        be.scalar(ScalarOp.MULTIPLY, dg, points, dg);
        DeviceArray[] result = new DeviceArray[1 + cloudIn.length];
        be.gemm(dy, x, cols(weight.grad(), 0, in), true, false, 1.0, 0.0);
        DeviceArray d = dx.get(dt, dy.rows(), in);
        be.gemm(dy, cols(weight.value(), 0, in), d, false, false, 1.0, 0.0);
        result[0] = d;
        for (int i = 0; i < cloudIn.length; i++) {
            be.gemm(dg, clouds[i], cols(weight.grad(), offsets[i], offsets[i + 1]), true, false, 1.0, 0.0);
            DeviceArray dc = dCloud[i].get(dt, nClouds, cloudIn[i]);
            be.gemm(dg, cols(weight.value(), offsets[i], offsets[i + 1]), dc, false, false, 1.0, 0.0);
            result[1 + i] = dc;
        }
        if (bias != null) {
            be.sumColumns(dg, bias.grad());
        }
        return result;
    }
}
