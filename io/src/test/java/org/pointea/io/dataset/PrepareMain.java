package org.pointea.io.dataset;

import java.nio.file.Path;

/**
 * Prepares a ModelNet dataset in a separate JVM and prints how ("BUILT ..." or "LOADED ..."), for
 * the cross-process cache test.
 */
public final class PrepareMain {
  private PrepareMain() {}

  /**
   * Runs.
   *
   * @param args dataset folder, cache folder, milliseconds of pre-transform per shape
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    ModelNetDataset d = ModelNetDataset.builder().setRoot(Path.of(args[0]))
        .optCacheDir(Path.of(args[1])).optSplit(Split.TRAINVAL).optPoints(64)
        .optPreTransform(new SlowIdentity(Integer.parseInt(args[2]))).build();
    PrepareReport r = d.prepare();
    long sum = 0;
    for (int i = 0; i < d.size(); i++) {
      for (float f : d.get(i).cloud().positions()) {
        sum = 31 * sum + Float.floatToIntBits(f);
      }
    }
    System.out.println("RESULT " + r.status() + " " + d.size() + " " + sum + " " + r.reason());
  }
}
