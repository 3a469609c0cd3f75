package org.pointea.models.inference;

import org.pointea.models.task.classification.Classification;
import org.pointea.models.task.classification.ClassScore;
import org.pointea.models.task.partseg.PartSegmentation;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.pointcloud.PointCloud;

/**
 * The README's Predictor snippet (section "Inference"), run on the
 * tiny test models; the README block must be this test's snippet, line for line.
 */
class ReadmePredictorExampleTest {
    private static final Path README = Path.of("").toAbsolutePath().getParent().resolve("README.md");

    @TempDir
    Path tmp;

    @Test
    void theReadmeSnippetWorks() throws Exception {
        Path modelDir = TinyModels.classifier(tmp.resolve("cls"));
        Path segModelDir = TinyModels.segmenter(tmp.resolve("seg"));
        PointCloud cloud = TinyModels.cloud(1500, 1);
        List<PointCloud> scans = List.of(TinyModels.cloud(3000, 2), TinyModels.cloud(700, 3),
                TinyModels.cloud(10_000, 4));
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try {
            // README:begin
            try (Predictor p = Predictor.load(modelDir)) {        // a training run (its best/), or any model directory
                Classification c = p.classify(cloud);             // any size: sampled, normalised, grouped
                for (ClassScore s : c.top(5)) {
                    System.out.printf("%-10s %.3f%n", s.name(), s.probability());
                }
            }
            List<int[]> labels = new ArrayList<>();
            try (PredictorPool pool = PredictorPool.create(segModelDir, 4)) {   // 4 predictors, any threads
                List<Future<PartSegmentation>> futures = scans.stream()
                        .map(scan -> workers.submit(() -> pool.segment(scan, "Mug"))).toList();
                for (Future<PartSegmentation> f : futures) {
                    labels.add(f.get().labels());                 // a global part id for every point of a scan
                }
            }
            // README:end
            assertThat(labels).hasSize(scans.size());
            try (Predictor seg = Predictor.load(segModelDir)) {
                for (int i = 0; i < scans.size(); i++) {
                    assertThat(labels.get(i)).hasSize(scans.get(i).size())
                            .isEqualTo(seg.segment(scans.get(i), "Mug").labels());
                    assertThat(java.util.Arrays.stream(labels.get(i)).boxed().toList())
                            .allSatisfy(l -> assertThat(l).isBetween(36, 37)); // Mug's parts
                }
            }
        } finally {
            workers.shutdownNow();
        }

        List<String> test = Files.readAllLines(Path.of("src/test/java/org/pointea/models/inference/"
                + "ReadmePredictorExampleTest.java"));
        List<String> snippet = test.subList(indexOf(test, "// README:begin") + 1, indexOf(test, "// README:end"))
                .stream().map(l -> l.length() >= 12 ? l.substring(12) : l.strip()).toList();
        String readme = Files.readString(README);
        int section = readme.indexOf("## Inference");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        String block = readme.substring(start, readme.indexOf("```", start));
        assertThat(block.lines().collect(Collectors.toList())).isEqualTo(snippet);
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError(marker + " not found");
    }
}
