package org.pointea.spark.inference;

import java.io.IOException;

/** One input of a partition: its name, its bytes (read only when asked) and its category. */
interface InputRecord {
  /** The file path or row id. */
  String key();

  /**
   * Reads the bytes.
   *
   * @param limit the most bytes accepted
   * @return the content
   * @throws IOException when it cannot be read or is larger than {@code limit}
   */
  byte[] read(long limit) throws IOException;

  /** The object category for part segmentation, or null to use the job's. */
  String category();
}
