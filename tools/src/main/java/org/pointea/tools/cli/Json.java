package org.pointea.tools.cli;

import java.io.PrintWriter;
import org.pointea.eval.MetricsJson;

/**
 * JSON output of the commands' {@code --json} option: Jackson with the project's conventions
 * ({@link MetricsJson}: pretty-printed, NaN and infinities as {@code null}), one document per
 * command on stdout, followed by a newline.
 */
public final class Json {
  private Json() {}

  /**
   * Returns a value as JSON text.
   *
   * @param value a record, map, list or scalar
   * @return the JSON text, without a trailing newline
   */
  public static String toJson(Object value) {
    return MetricsJson.toJson(value);
  }

  /**
   * Prints a value as one JSON document and a newline, and flushes.
   *
   * @param out stdout of the command
   * @param value the value
   */
  public static void print(PrintWriter out, Object value) {
    out.println(toJson(value));
    out.flush();
  }
}
