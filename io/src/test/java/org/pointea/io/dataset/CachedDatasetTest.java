package org.pointea.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.dataset.cache.FingerprintMode;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.transform.FixedPoints;
import org.pointea.pointcloud.transform.PointTransform;
import org.pointea.pointcloud.transform.RandomScale;

class CachedDatasetTest {
  @TempDir static Path shared;
  static Path tree;
  @TempDir Path cache;

  @BeforeAll
  static void tree() {
    tree = Trees.modelNet(shared.resolve("resampled"), DatasetLayout.MODELNET_NORMAL_RESAMPLED);
  }

  ModelNetDataset.Builder builder() {
    return ModelNetDataset.builder().setRoot(tree).optCacheDir(cache).optSplit(Split.TEST)
        .optPoints(64);
  }

  static List<PointCloud> clouds(ModelNetDataset d) {
    List<PointCloud> out = new ArrayList<>();
    for (int i = 0; i < d.size(); i++) {
      out.add(d.get(i).cloud());
    }
    return out;
  }

  static Path cacheFile(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".cache")).findFirst().orElseThrow();
    }
  }

  @Test
  void buildsOnceThenLoads() throws IOException {
    ModelNetDataset a = builder().build();
    PrepareReport ra = a.prepare();
    assertThat(ra.status()).isEqualTo(PrepareReport.Status.BUILT);
    assertThat(ra.reason()).isEqualTo("no cache file yet");
    assertThat(ra.cacheFile().getParent()).isEqualTo(cache);
    assertThat(ra.toString()).contains("built").contains("24 shapes");
    ModelNetDataset b = builder().build();
    PrepareReport rb = b.prepare();
    assertThat(rb.status()).isEqualTo(PrepareReport.Status.LOADED);
    assertThat(rb.cacheFile()).isEqualTo(ra.cacheFile());
    assertThat(clouds(b)).isEqualTo(clouds(a));
    assertThat(b.labels()).containsExactly(a.labels());
    // prepare() again re-checks and keeps using the file
    assertThat(b.prepare().status()).isEqualTo(PrepareReport.Status.LOADED);
  }

  @Test
  void theDefaultCacheLivesInTheDatasetFolder() throws IOException {
    Path copy = shared.resolve("copy-default");
    Trees.copy(tree, copy);
    PrepareReport r = ModelNetDataset.builder().setRoot(copy).optSplit(Split.TEST).optPoints(16)
        .build().prepare();
    assertThat(r.cacheFile().getParent()).isEqualTo(copy.resolve(".pointea-cache"));
    // and the hidden folder is not taken for a class or a layout file
    assertThat(DatasetLayout.detect(copy).orElseThrow().layout())
        .isEqualTo(DatasetLayout.MODELNET_NORMAL_RESAMPLED);
  }

  @Test
  void rebuildsWhenASourceFileChanges() throws IOException {
    Path copy = shared.resolve("copy-changes");
    Trees.copy(tree, copy);
    ModelNetDataset.Builder b = ModelNetDataset.builder().setRoot(copy).optCacheDir(cache)
        .optSplit(Split.TEST).optPoints(64);
    assertThat(b.build().prepare().status()).isEqualTo(PrepareReport.Status.BUILT);
    Path shape = copy.resolve("cube/cube_0008.txt");
    List<String> lines = new ArrayList<>(Files.readAllLines(shape));
    lines.set(0, "0.000000,0.000000,0.000000,0.000000,0.000000,1.000000");
    FileTime before = Files.getLastModifiedTime(shape);
    Files.write(shape, lines);
    Files.setLastModifiedTime(shape, FileTime.fromMillis(before.toMillis() + 5000));
    ModelNetDataset after = b.build();
    PrepareReport r = after.prepare();
    assertThat(r.status()).isEqualTo(PrepareReport.Status.BUILT);
    assertThat(r.reason()).isEqualTo("the source files changed");
    assertThat(after.prepare().status()).isEqualTo(PrepareReport.Status.LOADED);
    // a training-only file does not concern the test split
    Files.setLastModifiedTime(copy.resolve("cube/cube_0001.txt"), FileTime.fromMillis(1000));
    assertThat(b.build().prepare().status()).isEqualTo(PrepareReport.Status.LOADED);
    // nor does a file of the test list only touched for the training split
    Files.setLastModifiedTime(copy.resolve("modelnet40_test.txt"), FileTime.fromMillis(1000));
    assertThat(b.build().prepare().status()).isEqualTo(PrepareReport.Status.BUILT);
  }

  @Test
  void contentFingerprintsIgnoreTimesButSeeEveryByte() throws IOException {
    Path copy = shared.resolve("copy-content");
    Trees.copy(tree, copy);
    ModelNetDataset.Builder content = ModelNetDataset.builder().setRoot(copy).optCacheDir(cache)
        .optSplit(Split.TEST).optPoints(64).optFingerprint(FingerprintMode.CONTENT);
    ModelNetDataset.Builder stat = ModelNetDataset.builder().setRoot(copy)
        .optCacheDir(cache.resolve("stat")).optSplit(Split.TEST).optPoints(64);
    assertThat(content.build().prepare().status()).isEqualTo(PrepareReport.Status.BUILT);
    assertThat(stat.build().prepare().status()).isEqualTo(PrepareReport.Status.BUILT);
    Path shape = copy.resolve("torus/torus_0007.txt");
    Files.setLastModifiedTime(shape, FileTime.fromMillis(123_000));
    assertThat(content.build().prepare().status()).isEqualTo(PrepareReport.Status.LOADED);
    // same size, same time, one digit changed: only the content fingerprint notices
    byte[] bytes = Files.readAllBytes(shape);
    int at = new String(bytes, StandardCharsets.US_ASCII).indexOf('.') + 1;
    bytes[at] = (byte) (bytes[at] == '9' ? '8' : bytes[at] + 1);
    Files.write(shape, bytes);
    Files.setLastModifiedTime(shape, FileTime.fromMillis(123_000));
    assertThat(content.build().prepare().status()).isEqualTo(PrepareReport.Status.BUILT);
    assertThat(stat.build().prepare().status()).isEqualTo(PrepareReport.Status.BUILT);
    Files.write(shape, bytes);
    Files.setLastModifiedTime(shape, FileTime.fromMillis(123_000));
    assertThat(stat.build().prepare().status()).isEqualTo(PrepareReport.Status.LOADED);
  }

  @Test
  void eachPreTransformAndParameterHasItsOwnCache() throws IOException {
    PrepareReport a = builder().optPreTransform(new RandomScale(0.5f, 2f)).build().prepare();
    PrepareReport b = builder().optPreTransform(new RandomScale(0.5f, 3f)).build().prepare();
    PrepareReport c = builder().optPreTransform(new RandomScale(0.5f, 2f)).build().prepare();
    PrepareReport d = builder().optPreTransform(new RandomScale(0.5f, 2f)).optSeed(9).build()
        .prepare();
    PrepareReport e = builder().optPreTransform(new RandomScale(0.5f, 2f))
        .optSampling(Subsampling.FPS).build().prepare();
    assertThat(List.of(a.status(), b.status(), c.status(), d.status(), e.status()))
        .containsExactly(PrepareReport.Status.BUILT, PrepareReport.Status.BUILT,
            PrepareReport.Status.LOADED, PrepareReport.Status.BUILT, PrepareReport.Status.BUILT);
    assertThat(List.of(a.cacheFile(), b.cacheFile(), d.cacheFile(), e.cacheFile()))
        .doesNotHaveDuplicates();
    assertThat(c.cacheFile()).isEqualTo(a.cacheFile());
  }

  @Test
  void aDamagedCacheIsRebuilt() throws IOException {
    builder().build().prepare();
    Path file = cacheFile(cache);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0x40);
    }
    PrepareReport r = builder().build().prepare();
    assertThat(r.status()).isEqualTo(PrepareReport.Status.BUILT);
    assertThat(r.reason()).isEqualTo("damaged cache file (checksum mismatch)");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(f.length() - 100);
    }
    r = builder().build().prepare();
    assertThat(r.reason()).isEqualTo("damaged cache file (length does not match its header)");
    Files.writeString(file, "not a cache");
    assertThat(builder().build().prepare().reason()).isEqualTo("damaged cache file (too short)");
    assertThat(builder().build().prepare().status()).isEqualTo(PrepareReport.Status.LOADED);
  }

  @Test
  void preTransformsMustPrintTheirParametersAndKeepTheCount() {
    PointTransform lambda = (PointCloud c, UniformRandomProvider r) -> c;
    assertThatThrownBy(() -> builder().optPreTransform(lambda))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must describe its parameters");
    assertThatThrownBy(() -> builder().optPreTransform(new FixedPoints(10, false)).build()
        .prepare())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("turned 64 points into 10");
  }

  @Test
  void aFailedBuildLeavesNoCacheBehind() throws IOException {
    assertThatThrownBy(() -> builder().optPreTransform(new FailAfter(7)).optThreads(1).build()
        .prepare())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("failed on purpose");
    try (Stream<Path> s = Files.list(cache)) {
      assertThat(s.filter(p -> !p.toString().endsWith(".lock")).toList()).isEmpty();
    }
    assertThat(builder().build().prepare().status()).isEqualTo(PrepareReport.Status.BUILT);
  }

  /** Fails on its n-th shape. */
  static final class FailAfter implements PointTransform {
    private final int n;
    private final java.util.concurrent.atomic.AtomicInteger seen =
        new java.util.concurrent.atomic.AtomicInteger();

    FailAfter(int n) {
      this.n = n;
    }

    @Override
    public PointCloud apply(PointCloud cloud, UniformRandomProvider rng) {
      if (seen.incrementAndGet() > n) {
        throw new IllegalStateException("failed on purpose");
      }
      return cloud;
    }

    @Override
    public String toString() {
      return "FailAfter(" + n + ")";
    }
  }

  @Test
  void theCacheDoesNotDependOnTheThreadCount() throws IOException {
    ModelNetDataset one = builder().optThreads(1).optSampling(Subsampling.RANDOM)
        .optCache(false).build();
    one.prepare();
    ModelNetDataset two = builder().optThreads(2).optSampling(Subsampling.RANDOM).build();
    two.prepare();
    assertThat(clouds(one)).isEqualTo(clouds(two));
  }

  @Test
  void twoThreadsPreparingAtOnceBuildOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<PrepareReport> job = () -> builder().optSplit(Split.TRAINVAL)
          .optPreTransform(new SlowIdentity(10)).optThreads(2).build().prepare();
      Future<PrepareReport> a = pool.submit(job);
      Future<PrepareReport> b = pool.submit(job);
      List<PrepareReport.Status> statuses = List.of(a.get(60, TimeUnit.SECONDS).status(),
          b.get(60, TimeUnit.SECONDS).status());
      assertThat(statuses).containsExactlyInAnyOrder(PrepareReport.Status.BUILT,
          PrepareReport.Status.LOADED);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoProcessesPreparingAtOnceBuildOnce() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");
    List<Process> procs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      procs.add(new ProcessBuilder(java, "-Xmx256m", "-cp", cp, PrepareMain.class.getName(),
          tree.toString(), cache.toString(), "25").redirectErrorStream(true).start());
    }
    List<String> results = new ArrayList<>();
    for (Process p : procs) {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(out).isZero();
      results.add(out.lines().filter(l -> l.startsWith("RESULT")).findFirst().orElseThrow());
    }
    // one process built the cache (72 shapes x 25 ms / 2 threads, about a second) while the
    // other waited on the lock and then loaded it; both read the same samples
    assertThat(results).anyMatch(r -> r.startsWith("RESULT BUILT 72"))
        .anyMatch(r -> r.startsWith("RESULT LOADED 72"));
    assertThat(results.get(0).split(" ")[3]).isEqualTo(results.get(1).split(" ")[3]);
    assertThat(cacheFile(cache)).exists();
  }
}
