package org.pointea.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable artifact as a user runs it, after {@code package}: {@code java -jar
 * tools/target/pointea.jar} and the launcher {@code tools/bin/pointea} from another directory and
 * through a symlink.
 */
class PointeaJarIT {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path JAR = MODULE.resolve("target/pointea.jar");
  private static final Path LAUNCHER = MODULE.resolve("bin/pointea");
  private static final Path BUN = MODULE.resolve("src/test/resources/real/bun0.pcd");

  record Result(int code, String out, String err) {}

  private static Result exec(List<String> cmd, Path dir, Map<String, String> env) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
      pb.environment().remove("POINTEA_JAVA_OPTS");
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close();
      CompletableFuture<String> out = drain(p.getInputStream().readAllBytes());
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + cmd);
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static CompletableFuture<String> drain(byte[] bytes) {
    return CompletableFuture.completedFuture(new String(bytes, StandardCharsets.UTF_8));
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> launcher(Path script, String... args) {
    List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
    cmd.addAll(Arrays.asList(args));
    return cmd;
  }

  @Test
  void theJarRunsWithJavaJar(@TempDir Path dir) {
    assertThat(JAR).exists();
    Result r = exec(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString(), "--version"), dir, Map.of());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("pointea 0.").contains("Java 17");
  }

  @Test
  void theNativeBackendLoadsFromTheJar(@TempDir Path dir) {
    // the natives are added to the jar by src/build/MergeJars.java, not by the shade plugin
    Result r = exec(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.bytedeco.javacpp.platform.extension=-onednn",
        "-cp", JAR + java.io.File.pathSeparator + MODULE.resolve("target/test-classes"),
        "org.pointea.tools.Nd4jSmoke"), dir, Map.of());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("backend CpuBackend").contains("sum 54");
  }

  @Test
  void theLauncherWorksFromAnyDirectoryAndThroughASymlink(@TempDir Path dir) throws IOException {
    Result r = exec(launcher(LAUNCHER, "info", BUN.toString()), dir, Map.of());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("points      397");
    assertThat(r.err()).isEmpty();

    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path link = Files.createSymbolicLink(bin.resolve("pointea"), LAUNCHER);
    Result viaLink = exec(List.of(link.toString(), "info", "--json", BUN.toString()), dir,
        Map.of());
    assertThat(viaLink.code()).as(viaLink.err()).isZero();
    assertThat(viaLink.out()).contains("\"points\" : 397");
  }

  @Test
  void theLauncherReportsBadInputInOneLine(@TempDir Path dir) throws IOException {
    Path cut = dir.resolve("cut.h5");
    byte[] h5 = Files.readAllBytes(MODULE.resolve(
        "src/test/resources/real/shapenet_part_ply_data_plain.h5"));
    Files.write(cut, Arrays.copyOf(h5, 4096));
    Result r = exec(launcher(LAUNCHER, "convert", cut.toString(), "out.ply"), dir, Map.of());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err()).startsWith("pointea convert: " + cut).doesNotContain("\tat ");
  }

  @Test
  void hdf5ConversionIsQuietAndLoadsNoNd4j(@TempDir Path dir) {
    Path h5 = MODULE.resolve("src/test/resources/real/shapenet_part_ply_data_plain.h5");
    Result r = exec(launcher(LAUNCHER, "convert", h5.toString(), "copy.h5"), dir,
        Map.of("POINTEA_JAVA_OPTS", "-Xlog:class+load=info:file=" + dir.resolve("classes.log")));
    assertThat(r.code()).as(r.err()).isZero();
    // only our summary line: jhdf's warnings and SLF4J's banner stay out of the way
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err()).startsWith("wrote copy.h5: 4 clouds");
    String classes = read(dir.resolve("classes.log"));
    assertThat(classes).contains("org.pointea.io.hdf5.PointNetH5Writer")
        .doesNotContain("org.nd4j").doesNotContain("org.bytedeco");
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
