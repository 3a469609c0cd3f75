package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversion matrix read back by the tools users have: {@code pointea convert} writes a real
 * cloud (PCL's bunny, 397 points with normals) and a real mesh with vertex colours (trimesh's
 * fuze, 502 RGBA vertices, 1000 triangles) into every format, and Open3D, {@code np.loadtxt},
 * {@code np.load} and h5py read the results ({@code tools/src/test/scripts/read_back.py}). Runs
 * where {@code /usr/bin/python3} has Open3D, numpy and h5py (Debian python3-open3d, python3-h5py;
 * {@code .ci/run} installs them); skipped with the reason otherwise.
 */
class ConversionPeersTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path REAL = ROOT.resolve("tools/src/test/resources/real");
  private static final String PYTHON = "/usr/bin/python3";

  @BeforeAll
  static void peersPresent() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is missing");
    Process p = new ProcessBuilder(PYTHON, "-c", "import open3d, numpy, h5py")
        .redirectErrorStream(true).start();
    Assumptions.assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0,
        PYTHON + " lacks open3d, numpy or h5py (apt-get install python3-open3d python3-h5py)");
  }

  private static JsonNode readBack(List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(PYTHON,
        ROOT.resolve("tools/src/test/scripts/read_back.py").toString()));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    String last = out.strip().lines().reduce((a, b) -> b).orElse("{}");
    return new ObjectMapper().readTree(last);
  }

  @Test
  void everyFormatPointeaWritesIsReadBackByOpen3dAndNumpy(@TempDir Path tmp) throws Exception {
    Path bunny = REAL.resolve("bun0.pcd");
    // format -> (extra convert arguments, the reader that must read it)
    String[][] matrix = {
        {"bunny.ply", "", "o3d-cloud"},
        {"bunny_ascii.ply", "--encoding ascii", "o3d-cloud"},
        {"bunny.pcd", "", "o3d-cloud"},
        {"bunny_lzf.pcd", "--encoding binary_compressed", "o3d-cloud"},
        {"bunny.xyz", "", "o3d-cloud"},
        {"bunny.xyzn", "", "o3d-cloud"},
        {"bunny.pts", "", "o3d-cloud"},
        {"bunny_plain.xyz", "", "loadtxt"},
        {"bunny.txt", "--no-header", "loadtxt"},
        {"bunny.csv", "--no-header", "loadtxt-csv"},
        {"bunny.npy", "", "npy"},
        {"bunny.h5", "", "h5py"},
    };
    List<String> reads = new ArrayList<>();
    for (String[] row : matrix) {
      Path out = tmp.resolve(row[0]);
      List<String> args = new ArrayList<>(List.of("convert", bunny.toString(), out.toString()));
      if (!row[1].isEmpty()) {
        args.addAll(List.of(row[1].split(" ")));
      }
      Cli.Run r = Cli.run(args.toArray(String[]::new));
      assertThat(r.code()).as(row[0] + "\n" + r).isZero();
      reads.add(row[2] + ":" + out);
    }
    JsonNode got = readBack(reads);
    for (String[] row : matrix) {
      JsonNode f = got.get(tmp.resolve(row[0]).toString());
      assertThat(f.has("error")).as(row[0] + ": " + f).isFalse();
      assertThat(f.get("points").asInt()).as(row[0] + ": " + f).isEqualTo(397);
      // bun0.pcd's first point
      assertThat(f.get("first").get(0).asDouble()).as(row[0]).isCloseTo(0.0054216, within());
      assertThat(f.get("first").get(1).asDouble()).as(row[0]).isCloseTo(0.11349, within());
    }
    assertThat(got.get(tmp.resolve("bunny.h5").toString()).get("label").asInt()).isZero();
  }

  @Test
  void meshConversionKeepsVertexColoursAndOpen3dReadsTheMeshes(@TempDir Path tmp)
      throws Exception {
    Path fuze = REAL.resolve("fuze.ply");
    Path ply = tmp.resolve("fuze_copy.ply");
    Path ascii = tmp.resolve("fuze_ascii.ply");
    Path off = tmp.resolve("fuze.off");
    assertThat(Cli.run("convert", fuze.toString(), ply.toString()).code()).isZero();
    assertThat(Cli.run("convert", fuze.toString(), ascii.toString(), "--encoding", "ascii")
        .code()).isZero();
    Cli.Run toOff = Cli.run("convert", fuze.toString(), off.toString());
    assertThat(toOff.code()).isZero();
    assertThat(toOff.err()).contains("dropped vertex channels [colors]", "write .ply to keep them");
    JsonNode got = readBack(List.of("o3d-mesh:" + ply, "o3d-mesh:" + ascii, "o3d-mesh:" + off));
    for (Path p : List.of(ply, ascii)) {
      JsonNode m = got.get(p.toString());
      assertThat(m.get("points").asInt()).as(p + ": " + m).isEqualTo(502);
      assertThat(m.get("triangles").asInt()).isEqualTo(1000);
      assertThat(m.get("colors").asBoolean()).as(p + ": vertex colours kept").isTrue();
    }
    JsonNode o = got.get(off.toString());
    assertThat(o.get("triangles").asInt()).as(o.toString()).isEqualTo(1000);
  }

  @Test
  void aCloudWrittenAsOffOrHdf5SaysWhatTheFormatCannotHold(@TempDir Path tmp) {
    Cli.Run off = Cli.run("convert", REAL.resolve("bun0.pcd").toString(),
        tmp.resolve("b.off").toString());
    assertThat(off.code()).isZero();
    assertThat(off.err()).contains("OFF is a mesh format", "no faces", "Open3D");
    Cli.Run h5 = Cli.run("convert", REAL.resolve("bun0.pcd").toString(),
        tmp.resolve("b.h5").toString());
    assertThat(h5.code()).isZero();
    assertThat(h5.err()).contains("no class label", "written as 0");
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-6);
  }
}
