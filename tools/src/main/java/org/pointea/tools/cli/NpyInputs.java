package org.pointea.tools.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.pointea.io.npy.NpyArray;
import org.pointea.io.npy.NpyReader;

/** Reads the label, prediction and category arrays of {@code pointea metrics}. */
final class NpyInputs {
  private NpyInputs() {}

  /**
   * Reads an NPY array.
   *
   * @param path the file
   * @return the array
   * @throws IOException when it is missing or not an NPY file
   */
  static NpyArray read(Path path) throws IOException {
    CloudFiles.requireFile(path);
    return NpyReader.readArray(path);
  }

  /**
   * Returns the values of an integer array (floats that are whole numbers are accepted).
   *
   * @param path the file, for messages
   * @param array its content
   * @return the values, flattened
   */
  static int[] ints(Path path, NpyArray array) {
    try {
      return array.toIntArray();
    } catch (IllegalStateException e) {
      throw new UserException(path + ": expected integer ids, but " + e.getMessage());
    }
  }

  /**
   * Returns the shape without trailing dimensions of size 1 ({@code [S, 1]} is {@code [S]}).
   *
   * @param array the array
   * @return the squeezed shape
   */
  static int[] squeezedShape(NpyArray array) {
    int[] s = array.shape();
    int n = s.length;
    while (n > 1 && s[n - 1] == 1) {
      n--;
    }
    return Arrays.copyOf(s, n);
  }

  /**
   * Fails unless every value is in {@code [0, bound)}.
   *
   * @param path the file, for messages
   * @param values the values
   * @param bound exclusive upper bound
   * @param what what the values are, e.g. "class"
   */
  static void requireRange(Path path, int[] values, int bound, String what) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0 || values[i] >= bound) {
        throw new UserException(path + ": value " + values[i] + " at flat index " + i
            + " is not a " + what + " in [0, " + bound + ")");
      }
    }
  }

  /**
   * Returns the shape as text, e.g. {@code [16, 2048]}.
   *
   * @param shape the shape
   * @return the text
   */
  static String shape(int[] shape) {
    return Arrays.toString(shape);
  }
}
