package org.pointea.spark.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import org.pointea.models.nn.ParamStore;
import org.pointea.models.trainer.GradientHook;

/**
 * Averages the workers' gradients every step (summed in worker order in double, once, on worker
 * 0, so every replica applies the same bits and a run is repeatable), and checks on the way that
 * the replicas are still identical: a CRC of each worker's weights travels with its gradients, and
 * any difference stops the run with the step named.
 */
final class AveragingHook implements GradientHook {
  private final SocketExchange exchange;
  private float[] grad;
  private float[] values;
  private ByteBuffer bytes;

  AveragingHook(SocketExchange exchange) {
    this.exchange = exchange;
  }

  @Override
  public void afterBackward(ParamStore params, long step) {
    int n = Math.toIntExact(params.count());
    if (grad == null || grad.length != n) {
      grad = new float[n];
      values = new float[n];
      bytes = ByteBuffer.allocate(n * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    }
    params.gradientsToHost(grad);
    params.valuesToHost(values);
    bytes.clear();
    bytes.asFloatBuffer().put(values);
    CRC32 crc = new CRC32();
    crc.update(bytes.array());
    float[] mean = exchange.mean(grad, "step " + step + " weights CRC " + Long.toHexString(crc.getValue()));
    params.gradientsFromHost(mean);
  }
}
