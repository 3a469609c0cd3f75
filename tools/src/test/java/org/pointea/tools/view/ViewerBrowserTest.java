package org.pointea.tools.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.pointea.io.PointCloudIO;
import org.pointea.io.dataset.synthetic.SyntheticShapeNetPart;
import org.pointea.pointcloud.PointCloud;

/**
 * {@code pointea view} end to end: the page served by {@link ViewServer} opened in headless
 * Debian Chromium driven by playwright-core ({@code tools/src/test/web/viewer-e2e.mjs}). It
 * loads, draws the right number of points, colours by label with a legend, picks a point, and a
 * screenshot is taken ({@code target/viewer-e2e.png}). Runs where {@code /usr/bin/chromium}
 * (or {@code $CHROMIUM}) and the npm packages of {@code tools/src/main/web} are installed, as
 * {@code .ci/run} installs them; skipped with the reason otherwise.
 */
class ViewerBrowserTest {
  private static final Path WEB = Path.of("src/main/web").toAbsolutePath();

  @Test
  void thePageDrawsColoursByLabelAndPicksInHeadlessChromium() throws Exception {
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    Assumptions.assumeTrue(Files.isExecutable(chromium), chromium + " is not installed"
        + " (apt-get install chromium)");
    Assumptions.assumeTrue(Files.isDirectory(WEB.resolve("node_modules/playwright-core")),
        "playwright-core is not installed in " + WEB + " (npm ci there, or mvn package)");
    Assumptions.assumeTrue(getClass().getResource(ViewServer.WEB + "app.js") != null,
        "the viewer page was not built (-Dpointea.web.skip=true)");

    // a realistic labelled prediction (a synthetic chair with ShapeNet-part ids 12..15) and a
    // real scan (PCL's bunny) decimated for display
    PointCloud chair = SyntheticShapeNetPart.demo().cloud(1, 0, 3000);
    PointCloud bunny = PointCloudIO.read(Path.of("src/test/resources/real/bun0.pcd"));
    ViewScene scene = ViewScene.builder().add("chair-parts.ply", chair)
        .optMaxPoints(200).add("bun0.pcd", bunny).build();
    int shown = scene.items().get(0).shown() + scene.items().get(1).shown();
    assertThat(scene.items().get(1).shown()).isEqualTo(200);
    assertThat(scene.items().get(0).shown()).isEqualTo(3000);

    Path png = Path.of("target/viewer-e2e.png").toAbsolutePath();
    Files.deleteIfExists(png);
    JsonNode r;
    try (ViewServer server = ViewServer.start(scene)) {
      List<String> cmd = new ArrayList<>(List.of("node",
          Path.of("src/test/web/viewer-e2e.mjs").toAbsolutePath().toString(), WEB.toString(),
          server.url(), png.toString()));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out;
      try {
        if (!p.waitFor(150, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError("the browser check did not finish in 150 s");
        }
      } finally {
        out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      }
      String last = out.strip().lines().reduce((a, b) -> b).orElse("");
      Files.writeString(png.resolveSibling("viewer-e2e.json"), out);
      assertThat(p.exitValue()).as(out).isZero();
      r = new ObjectMapper().readTree(last);
    }
    assertThat(r.get("drawn").asInt()).as(r.toString()).isEqualTo(shown);
    assertThat(r.get("files").get(1).asText()).contains("200 of 397 points shown");
    assertThat(r.get("files").get(0).asText()).contains("3,000 points");
    assertThat(r.get("modes").toString()).contains("label", "height", "normal");
    // the legend lists the chair's parts, and each part's colour is on the canvas
    int[] parts = chair.labels();
    long distinct = java.util.Arrays.stream(parts).distinct().count();
    // one row per part, and one for the unlabelled bunny
    assertThat(r.get("legend")).hasSize((int) distinct + 1);
    assertThat(r.get("legend").get((int) distinct).asText()).isEqualTo("no label");
    for (JsonNode l : r.get("labelPixels")) {
      assertThat(l.get("count").asInt()).as("pixels of label " + l.get("label")).isGreaterThan(20);
    }
    assertThat(r.get("pick").get("file").asText()).isIn("chair-parts.ply", "bun0.pcd");
    assertThat(r.get("pickDistancePx").asDouble()).isLessThan(10);
    assertThat(r.get("pickText").asText()).contains("x y z");
    assertThat(r.get("withoutToken").asInt()).isEqualTo(403);
    assertThat(r.get("consoleErrors")).as(r.toString()).isEmpty();
    assertThat(Files.size(png)).isGreaterThan(5_000);
  }
}
