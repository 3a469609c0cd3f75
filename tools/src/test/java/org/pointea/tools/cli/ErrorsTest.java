package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import org.pointea.io.PointCloudFormatException;

class ErrorsTest {

  private static String[] report(Throwable e, boolean verbose) {
    StringWriter w = new StringWriter();
    int code = Errors.report("pointea x", e, new PrintWriter(w), verbose);
    return new String[] {Integer.toString(code), w.toString()};
  }

  @Test
  void userErrorsAreOneLineWithTheFile() {
    String[] f = report(new PointCloudFormatException("scan.pcd", 14, 402, "expected z"), false);
    assertThat(f[0]).isEqualTo("1");
    assertThat(f[1]).isEqualTo("pointea x: scan.pcd: line 14, byte 402: expected z"
        + System.lineSeparator());
    assertThat(report(new NoSuchFileException("a.ply"), false)[1])
        .startsWith("pointea x: a.ply: no such file or directory");
    assertThat(report(new AccessDeniedException("/root/a.ply"), false)[1])
        .startsWith("pointea x: /root/a.ply: permission denied");
    assertThat(report(new FileSystemException("/full/a.ply", null, "No space left on device"),
        false)[1]).startsWith("pointea x: /full/a.ply: No space left on device");
    assertThat(report(new UncheckedIOException(new NoSuchFileException("b.ply")), false)[1])
        .startsWith("pointea x: b.ply: no such file");
    assertThat(report(new UserException("-n must be at least 1\nsecond line"), false)[1])
        .isEqualTo("pointea x: -n must be at least 1" + System.lineSeparator());
    assertThat(report(new IOException(), false)[1]).startsWith("pointea x: IOException");
  }

  @Test
  void internalErrorsExitTwoAndPointToVerbose() {
    String[] f = report(new IllegalStateException("boom"), false);
    assertThat(f[0]).isEqualTo("2");
    assertThat(f[1]).startsWith("pointea x: internal error: java.lang.IllegalStateException: boom")
        .contains("--verbose").doesNotContain("\tat ");
    assertThat(report(new IllegalStateException("boom"), true)[1]).contains("\tat ");
    assertThat(report(new OutOfMemoryError("Java heap space"), false)[1])
        .contains("out of memory").contains("POINTEA_JAVA_OPTS=-Xmx");
  }

  @Test
  void aGpuRefusalIsExplainedInFullWithoutAStackTrace() {
    Throwable refusal = new ExceptionInInitializerError(
        new org.pointea.models.engine.CudaSupport.UnsupportedGpuException(
            "cannot use the GPU: GPU 0 NVIDIA H100 (compute capability 9.0) is not supported."
                + " To run on the CPU instead, build without the cuda profile"));
    String[] f = report(new RuntimeException("wrapped", refusal), false);
    assertThat(f[0]).isEqualTo("2");
    assertThat(f[1]).isEqualTo("pointea x: cannot use the GPU: GPU 0 NVIDIA H100 (compute"
        + " capability 9.0) is not supported. To run on the CPU instead, build without the cuda"
        + " profile" + System.lineSeparator());
    assertThat(report(refusal, true)[1]).contains("\tat ");
    assertThat(Errors.gpuRefusal(new IllegalStateException("other"))).isNull();
  }
}
