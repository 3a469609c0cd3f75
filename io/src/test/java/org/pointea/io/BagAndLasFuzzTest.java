package org.pointea.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.bag.BagFilter;
import org.pointea.io.bag.BagReader;
import org.pointea.io.internal.Input;
import org.pointea.io.las.LasReader;

/**
 * Fuzzes the bag readers (MCAP, ROS 1, rosbag2 SQLite) and the LAS reader with the seeded
 * mutation loop of {@link Fuzz}, seeded from the bags and LAS files of the test data: every input
 * must read (info, every message, every frame) or fail with a {@link PointCloudFormatException},
 * within bounded allocation and time. Iterations: {@code -Dpointea.fuzz.iterations} (default
 * {@value #DEFAULT_ITERATIONS} per reader, 1/5 of that for SQLite, which goes through a file).
 */
class BagAndLasFuzzTest {
  static final int DEFAULT_ITERATIONS = 500;

  @TempDir
  static Path tmp;

  private static int iterations() {
    return Integer.getInteger("pointea.fuzz.iterations", DEFAULT_ITERATIONS);
  }

  private static long seed() {
    return Long.getLong("pointea.fuzz.seed", 20240601L);
  }

  static void readBag(BagReader bag) throws IOException {
    try (bag) {
      bag.info();
      bag.messages(BagFilter.ALL).forEachRemaining(m -> { });
      bag.frames(BagFilter.ALL).forEachRemaining(f -> { });
    }
  }

  @TestFactory
  Stream<DynamicTest> bagAndLasReadersFailCleanlyOnMutatedInput() throws IOException {
    Path db = tmp.resolve("fuzz.db3");
    List<Fuzz> campaigns = List.of(
        new Fuzz("mcap", seeds("bags", ".mcap"),
            in -> readBag(BagReader.open(in, "fuzz.mcap")), seed(), 300),
        new Fuzz("rosbag", seeds("bags", ".bag"),
            in -> readBag(BagReader.open(in, "fuzz.bag")), seed(), 300),
        new Fuzz("db3", seeds("bags", ".db3"), in -> {
          Files.write(db, in);
          readBag(BagReader.open(db));
        }, seed(), 300),
        new Fuzz("las", seeds("las", ".las"), in -> {
          LasReader.read(Input.of(in, "fuzz.las"), ReadOptions.DEFAULT);
        }, seed(), 200));
    int n = iterations();
    return campaigns.stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> {
      Fuzz.Report r = f.run(f == campaigns.get(2) ? Math.max(1, n / 5) : n);
      System.out.println("fuzz " + r);
      assertThat(r.findings()).as(r.name() + " findings (inputs in target/fuzz-findings)")
          .isEmpty();
    }));
  }

  /** Every test file under a resource folder with this extension (the first 256 KB of each). */
  static List<byte[]> seeds(String folder, String ext) throws IOException {
    Path root;
    try {
      root = Path.of(BagAndLasFuzzTest.class.getResource("/" + folder).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<byte[]> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(ext))
          .sorted().toList()) {
        byte[] b = Files.readAllBytes(p);
        out.add(b.length > (256 << 10) ? java.util.Arrays.copyOf(b, 256 << 10) : b);
      }
    }
    return out;
  }
}
