package org.pointea.spark.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.apache.spark.BarrierTaskContext;
import org.pointea.models.nn.BatchNormSync;

/**
 * One worker's side of the all-gathers of a barrier stage: vectors travel as Base64 strings
 * (what {@link BarrierTaskContext#allGather} carries) and come back in partition (= worker) order,
 * identical on every worker.
 */
final class BarrierExchange implements BatchNormSync {
  private final BarrierTaskContext ctx;

  BarrierExchange(BarrierTaskContext ctx) {
    this.ctx = ctx;
  }

  /** Every worker's message, in worker order. */
  String[] allGather(String message) {
    return ctx.allGather(message);
  }

  @Override
  public double[][] allGather(double[] local) {
    ByteBuffer b = ByteBuffer.allocate(local.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asDoubleBuffer().put(local);
    String[] all = ctx.allGather(Base64.getEncoder().encodeToString(b.array()));
    double[][] out = new double[all.length][];
    for (int w = 0; w < all.length; w++) {
      out[w] = doubles(all[w]);
    }
    return out;
  }

  static String encode(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return Base64.getEncoder().encodeToString(b.array());
  }

  static float[] floats(String s) {
    ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(s)).order(ByteOrder.LITTLE_ENDIAN);
    float[] v = new float[b.remaining() / Float.BYTES];
    b.asFloatBuffer().get(v);
    return v;
  }

  static double[] doubles(String s) {
    ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(s)).order(ByteOrder.LITTLE_ENDIAN);
    double[] v = new double[b.remaining() / Double.BYTES];
    b.asDoubleBuffer().get(v);
    return v;
  }
}
