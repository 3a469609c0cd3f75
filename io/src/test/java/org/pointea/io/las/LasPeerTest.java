package org.pointea.io.las;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * laspy reads what pointea writes as it read the source: every file of the test data is read by
 * pointea, written back by pointea (the source's scale and offset) and described by laspy 2.5.4;
 * header counts and every dimension must match laspy's description of the source. Runs where laspy
 * is at hand: {@code POINTEA_LASPY} names its source directory (see the README in
 * src/test/resources/las); skipped otherwise.
 */
class LasPeerTest {
  @TempDir
  Path tmp;

  static Path laspy() {
    String dir = System.getenv("POINTEA_LASPY");
    return dir == null ? null : Path.of(dir);
  }

  @Test
  void laspyReadsWhatPointeaWrites() throws Exception {
    Path laspy = laspy();
    assumeTrue(laspy != null && Files.isDirectory(laspy.resolve("laspy")),
        "POINTEA_LASPY is not set to a laspy source directory");
    List<String> files = LasFixtures.readable();
    List<String> args = new ArrayList<>(List.of("/usr/bin/python3",
        LasFixtures.file("generate/describe.py").toString()));
    for (String f : files) {
      Path in = LasFixtures.file(f);
      LasHeader h = LasReader.readHeader(in);
      Path out = tmp.resolve(f.replace('/', '_'));
      LasWriter.write(out, LasReader.read(in), LasWriteOptions.builder()
          .optScale(h.scale()[0], h.scale()[1], h.scale()[2])
          .optOffset(h.offset()[0], h.offset()[1], h.offset()[2]).build());
      args.add(out.toString());
    }
    ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(false);
    pb.environment().put("PYTHONPATH", laspy + ":" + LasFixtures.file("generate"));
    Process p = pb.start();
    byte[] json = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes(),
        StandardCharsets.UTF_8)).isZero();
    JsonNode described = new ObjectMapper().readTree(json);
    for (String f : files) {
      JsonNode ours = described.get(tmp.resolve(f.replace('/', '_')).toString());
      JsonNode source = LasFixtures.truth().get(f);
      assertThat(ours.has("error")).as(f + ": " + ours.path("error").asText()).isFalse();
      assertThat(ours.get("point_count").asLong()).isEqualTo(source.get("point_count").asLong());
      for (Iterator<Map.Entry<String, JsonNode>> it = source.get("dimensions").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String dim = e.getKey();
        if (dim.equals("red") || dim.equals("green") || dim.equals("blue")) {
          continue; // 8-bit colours are written back as 16-bit (x257): compared by LasWriterTest
        }
        // undescribed bytes (laspy: "ExtraBytes") are written back described, as extra_bytes
        JsonNode theirs = ours.get("dimensions").get(dim.equals("ExtraBytes") ? "extra_bytes" : dim);
        assertThat(theirs).as(f + " " + dim).isNotNull();
        for (int c = 0; c < e.getValue().size(); c++) {
          JsonNode a = e.getValue().get(c);
          JsonNode b = theirs.get(c);
          assertThat(b.get("finite").asInt()).as(f + " " + dim).isEqualTo(a.get("finite").asInt());
          if (a.get("finite").asInt() > 0) {
            // coordinates went through a float relative to the origin (LasReaderTest bounds it)
            double tol = dim.matches("[xyz]") ? 2e-3 : dim.matches("[XYZ]")
                ? Math.floor(2e-3 / source.get("scales").get(dim.charAt(0) - 'X').asDouble()) : 0;
            int n = a.get("finite").asInt();
            assertThat(b.get("sum").asDouble()).as(f + " " + dim + " sum")
                .isCloseTo(a.get("sum").asDouble(), within(tol * n
                    + 1e-9 * Math.abs(a.get("sum").asDouble()) + 1e-9));
            assertThat(b.get("min").asDouble()).as(f + " " + dim + " min")
                .isCloseTo(a.get("min").asDouble(), within(tol));
            assertThat(b.get("max").asDouble()).as(f + " " + dim + " max")
                .isCloseTo(a.get("max").asDouble(), within(tol));
          }
        }
      }
    }
  }
}
