package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Assertions on how a user error looks: exit 1, one line per failure naming the file. */
final class UserErrors {
  private UserErrors() {}

  /**
   * Asserts exit code 1 and exactly one stderr line per failed file, each naming its file, with
   * no stack trace.
   */
  static void assertOneLinePerFile(PointeaProcess.Result r, String command, String... files) {
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USER_ERROR);
    List<String> lines = r.errLines();
    assertThat(lines).as(r.toString()).hasSize(files.length);
    for (int i = 0; i < files.length; i++) {
      assertThat(lines.get(i)).as(r.toString()).startsWith("pointea " + command + ": ")
          .contains(files[i]);
    }
    assertNoStackTrace(r.err());
  }

  static void assertNoStackTrace(String err) {
    assertThat(err).doesNotContain("\tat ").doesNotContain("Exception")
        .doesNotContain("Caused by");
  }
}
