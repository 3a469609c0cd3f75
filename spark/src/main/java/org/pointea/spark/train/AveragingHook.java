package org.pointea.spark.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import org.pointea.models.nn.ParamStore;
import org.pointea.models.trainer.GradientHook;

/**
 * Averages the workers' gradients every step, summing in worker order in double on every worker
 * (so every replica applies bit-identical gradients, and a run is repeatable), and checks on the
 * way that the replicas are still identical: a CRC of each worker's weights travels with its
 * gradients, and any difference stops the run with the step named.
 */
final class AveragingHook implements GradientHook {
  private final BarrierExchange exchange;
  private float[] grad;
  private float[] values;
  private double[] sum;

  AveragingHook(BarrierExchange exchange) {
    this.exchange = exchange;
  }

  @Override
  public void afterBackward(ParamStore params, long step) {
    int n = Math.toIntExact(params.count());
    if (grad == null || grad.length != n) {
      grad = new float[n];
      values = new float[n];
      sum = new double[n];
    }
    params.gradientsToHost(grad);
    params.valuesToHost(values);
    String header = step + ":" + crc(values) + ":";
    String[] all = exchange.allGather(header + BarrierExchange.encode(grad));
    java.util.Arrays.fill(sum, 0);
    for (int w = 0; w < all.length; w++) {
      int colon = all[w].indexOf(':', all[w].indexOf(':') + 1) + 1;
      if (!all[w].startsWith(header)) {
        throw new IllegalStateException("data-parallel step " + step + ": worker " + w + " sent "
            + all[w].substring(0, Math.min(colon, 40)) + " where this worker has " + header
            + " (step:weights CRC); the replicas are out of step or have diverged");
      }
      float[] g = BarrierExchange.floats(all[w].substring(colon));
      if (g.length != n) {
        throw new IllegalStateException("data-parallel step " + step + ": worker " + w + " sent "
            + g.length + " gradients where this network has " + n);
      }
      for (int i = 0; i < n; i++) {
        sum[i] += g[i];
      }
    }
    for (int i = 0; i < n; i++) {
      grad[i] = (float) (sum[i] / all.length);
    }
    params.gradientsFromHost(grad);
  }

  private static long crc(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    CRC32 c = new CRC32();
    c.update(b.array());
    return c.getValue();
  }
}
