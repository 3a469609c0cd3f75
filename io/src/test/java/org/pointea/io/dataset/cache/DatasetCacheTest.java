package org.pointea.io.dataset.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCacheTest {
  @TempDir Path tmp;

  /** Three shapes of 100,000 points: several 1 MiB chunks per array. */
  static ShapeArrays arrays(boolean normals, boolean parts) {
    ShapeArrays a = ShapeArrays.allocate(3, 100_000, normals, parts, List.of("x", "y"));
    for (int s = 0; s < 3; s++) {
      a.put(s, ShapeArraysTest.cloud(100_000, s * 0.5f, 7 * s), s % 2, "shape_" + s);
    }
    return a;
  }

  static final DatasetCache.Key KEY = new DatasetCache.Key("params\nx=1\n", "abc", 3);

  @Test
  void roundTripsEveryChannelAcrossChunks() throws IOException {
    for (boolean normals : new boolean[] {false, true}) {
      for (boolean parts : new boolean[] {false, true}) {
        Path f = tmp.resolve("c" + normals + parts + ".cache");
        ShapeArrays a = arrays(normals, parts);
        DatasetCache.write(f, KEY, a);
        ShapeArrays b = DatasetCache.readIfValid(f, KEY);
        assertThat(b).isNotNull();
        assertThat(b.toString()).isEqualTo(a.toString());
        for (int s = 0; s < 3; s++) {
          assertThat(b.cloud(s)).isEqualTo(a.cloud(s));
          assertThat(b.id(s)).isEqualTo(a.id(s));
          assertThat(b.label(s)).isEqualTo(a.label(s));
        }
        assertThat(b.classNames()).containsExactly("x", "y");
      }
    }
  }

  @Test
  void anotherKeyDoesNotMatch() throws IOException {
    Path f = tmp.resolve("c.cache");
    DatasetCache.write(f, KEY, arrays(false, false));
    assertThat(DatasetCache.readIfValid(f, new DatasetCache.Key("params\nx=2\n", "abc", 3)))
        .isNull();
    assertThat(DatasetCache.readIfValid(f, new DatasetCache.Key(KEY.params(), "abd", 3)))
        .isNull();
    assertThat(DatasetCache.readIfValid(tmp.resolve("none.cache"), KEY)).isNull();
  }

  @Test
  void buildsOnlyWhenNeededAndLeavesNoTemporaryFile() throws IOException {
    Path f = tmp.resolve("sub/c.cache");
    AtomicInteger builds = new AtomicInteger();
    DatasetCache.Builder b = () -> {
      builds.incrementAndGet();
      return arrays(true, false);
    };
    DatasetCache.Result r1 = DatasetCache.loadOrBuild(f, KEY, b);
    DatasetCache.Result r2 = DatasetCache.loadOrBuild(f, KEY, b);
    assertThat(r1.status()).isEqualTo(DatasetCache.Status.BUILT);
    assertThat(r2.status()).isEqualTo(DatasetCache.Status.LOADED);
    assertThat(builds).hasValue(1);
    try (var s = Files.list(f.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("c.cache", "c.cache.lock");
    }
  }

  @Test
  void writingReplacesAnOldFileAtomically() throws IOException {
    Path f = tmp.resolve("c.cache");
    Files.writeString(f, "old content");
    DatasetCache.write(f, KEY, arrays(false, true));
    assertThat(DatasetCache.readIfValid(f, KEY)).isNotNull();
  }
}
