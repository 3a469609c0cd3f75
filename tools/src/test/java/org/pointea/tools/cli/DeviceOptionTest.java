package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.models.backend.BackendProvider;
import org.pointea.tools.cli.TrainCommandTest.Run;

/**
 * {@code --device} on {@code train}, {@code eval}, {@code predict} and {@code bench model}: the
 * value is checked, a device this machine cannot use is refused with one line and exit 2 before any
 * work starts (the reason is the CUDA backend's own), and {@code --device cpu} changes nothing.
 */
class DeviceOptionTest {
  @TempDir Path tmp;

  /** The CUDA backend's reason for not running here, or null where it can (a GPU machine). */
  private static String cudaReason() {
    for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
      if (p.name().equals("cuda")) {
        return p.unavailableReason();
      }
    }
    throw new AssertionError("the cuda backend is not on the tools' class path");
  }

  @Test
  void eachCommandRefusesAnUnusableGpuWithOneLineAndExitTwo() throws Exception {
    String reason = cudaReason();
    assumeTrue(reason != null, "this machine can run the CUDA backend: no refusal to check");
    Path[] dr = TrainCommandTest.trained();
    Path cloud = Files.list(dr[0].resolve("cone")).filter(f -> f.toString().endsWith(".txt")).findFirst()
        .orElseThrow();
    Path out = tmp.resolve("run");
    record Case(String command, String device, String... args) {}
    List<Case> cases = List.of(
        new Case("pointea train", "cuda", "train", "--data", dr[0].toString(), "--out", out.toString(),
            "--epochs", "1", "--device", "cuda", "--quiet"),
        new Case("pointea eval", "cuda:0", "eval", "--run", dr[1].toString(), "--no-report", "--device", "cuda:0"),
        new Case("pointea predict", "cuda", "predict", "--run", dr[1].toString(), "--device", "cuda",
            cloud.toString()),
        new Case("pointea bench model", "cuda:1", "bench", "model", "--model", "light", "--no-peer", "--steps",
            "1", "--device", "cuda:1"));
    for (Case c : cases) {
      Run r = TrainCommandTest.run(c.args());
      assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.INTERNAL_ERROR);
      assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
      assertThat(r.err()).as(c.command())
          .startsWith(c.command() + ": --device " + c.device() + ": the cuda backend cannot run here: ")
          .contains(reason)
          .doesNotContain("this is a bug");
      assertThat(r.out()).isEmpty();
    }
    assertThat(out).doesNotExist();
  }

  @Test
  void aMalformedDeviceIsAUserError() {
    for (String bad : List.of("gpu", "cuda:", "cuda:x", "cuda:-1", "CPU0", "")) {
      Run r = TrainCommandTest.run("bench", "model", "--model", "light", "--no-peer", "--device", bad);
      assertThat(r.code()).as(bad + ": " + r.err()).isEqualTo(ExitCodes.USER_ERROR);
      assertThat(r.err().lines().toList()).hasSize(1);
      assertThat(r.err()).contains("--device must be cpu, cuda or cuda:N (N a GPU index), got '" + bad + "'");
    }
  }

  @Test
  void deviceCpuPredictsExactlyAsWithoutTheOption() throws Exception {
    Path[] dr = TrainCommandTest.trained();
    Path cloud = Files.list(dr[0].resolve("cone")).filter(f -> f.toString().endsWith(".txt")).sorted()
        .findFirst().orElseThrow();
    Run plain = TrainCommandTest.run("predict", "--run", dr[1].toString(), "--json", "--top", "3",
        cloud.toString());
    Run cpu = TrainCommandTest.run("predict", "--run", dr[1].toString(), "--json", "--top", "3",
        "--device", "cpu", cloud.toString());
    assertThat(plain.code()).as(plain.err()).isEqualTo(ExitCodes.OK);
    assertThat(cpu.code()).as(cpu.err()).isEqualTo(ExitCodes.OK);
    assertThat(cpu.out()).isEqualTo(plain.out());
    assertThat(DeviceOption.open("cpu").name()).isEqualTo("cpu");
    assertThat(DeviceOption.open(" cpu ").name()).isEqualTo("cpu");
  }

  @Test
  void refusalsAreReportedAsOneLineWithExitTwo() {
    java.io.StringWriter err = new java.io.StringWriter();
    int code = Errors.report("pointea predict",
        new DeviceUnavailableException("--device cuda: the cuda backend cannot run here: no GPU\nsecond"),
        new java.io.PrintWriter(err), false);
    assertThat(code).isEqualTo(ExitCodes.INTERNAL_ERROR);
    assertThat(err.toString().lines().toList()).containsExactly(
        "pointea predict: --device cuda: the cuda backend cannot run here: no GPU\\nsecond");
  }
}
