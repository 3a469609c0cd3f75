package org.pointea.tools;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads ND4J's native backend and multiplies two matrices: run by {@link PointeaJarIT} against
 * the packaged jar, to show that the natives added by {@code src/build/MergeJars.java} load.
 */
public final class Nd4jSmoke {
  private Nd4jSmoke() {}

  /**
   * Prints the backend and the sum of a small matrix product.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    INDArray a = Nd4j.create(new float[] {1, 2, 3, 4}, 2, 2);
    INDArray b = a.mmul(a); // [[7, 10], [15, 22]]
    System.out.println("backend " + Nd4j.getBackend().getClass().getSimpleName()
        + " sum " + b.sumNumber().intValue());
  }
}
