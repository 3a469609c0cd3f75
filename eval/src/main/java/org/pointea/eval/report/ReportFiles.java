package org.pointea.eval.report;

import java.nio.file.Path;
import java.util.Map;

/**
 * The files a {@link ReportWriter} wrote.
 *
 * @param json {@code report.json}
 * @param markdown {@code report.md}
 * @param figures figure key ({@code loss}, {@code accuracy}, {@code confusion}, {@code shapes}) to
 *     PNG file, only those drawn
 */
public record ReportFiles(Path json, Path markdown, Map<String, Path> figures) {
  /** Copies the map. */
  public ReportFiles {
    figures = Map.copyOf(figures);
  }
}
