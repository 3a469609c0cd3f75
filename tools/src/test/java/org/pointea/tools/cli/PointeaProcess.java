package org.pointea.tools.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code pointea} as a user does: a separate JVM on the module's test classpath (the same
 * classes the shaded jar holds), capturing stdout, stderr and the exit code.
 */
final class PointeaProcess {
  private PointeaProcess() {}

  /** What a run left behind. */
  record Result(int code, String out, String err) {
    /** Returns stderr's non-empty lines. */
    List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** The classpath the tests run with (surefire's, which lists the dependencies in full). */
  static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  /**
   * Runs {@code pointea args...} in a new JVM.
   *
   * @param args the command line
   * @return the result
   */
  static Result run(String... args) {
    return run(List.of(), Path.of("."), args);
  }

  /**
   * Runs {@code pointea args...} in a new JVM with extra JVM options and a working directory.
   *
   * @param jvm extra JVM options
   * @param dir working directory
   * @param args the command line
   * @return the result
   */
  static Result run(List<String> jvm, Path dir, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // start-up settings for short runs; tiered C1 only is what the tests need
    cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
        "-Xmx1g", "-cp", classpath()));
    cmd.addAll(jvm);
    cmd.add("org.pointea.tools.Pointea");
    cmd.addAll(Arrays.asList(args));
    return exec(cmd, dir);
  }

  /**
   * Runs any command, capturing its output.
   *
   * @param cmd the command
   * @param dir working directory
   * @return the result
   */
  static Result exec(List<String> cmd, Path dir) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
      pb.environment().remove("POINTEA_JAVA_OPTS");
      Process p = pb.start();
      p.getOutputStream().close();
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = drain(p.getErrorStream());
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + String.join(" ", cmd));
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Returns a test resource as a path (resources are plain files under target/test-classes). */
  static Path resource(String name) {
    var url = PointeaProcess.class.getResource("/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no test resource " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
