package org.pointea.tools.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.pointea.tools.Pointea;

/** Runs {@code pointea} in this JVM, for fast argument-validation tests. */
final class Cli {
  private Cli() {}

  /** What a run printed and returned. */
  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Pointea.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
