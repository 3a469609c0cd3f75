package org.pointea.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the preprocessing cache goes, read-only dataset folders included. */
class CacheFolderTest {
  @TempDir Path tmp;

  @Test
  void aGivenFolderWins() {
    Path given = tmp.resolve("mine");
    assertThat(CachedDataset.cacheFolder(given, tmp.resolve("ds"), "/elsewhere", p -> true,
        tmp.resolve("user"))).isEqualTo(given);
  }

  @Test
  void theCacheDirPropertyGivesEachDatasetItsOwnSubFolder() {
    Path a = CachedDataset.cacheFolder(null, tmp.resolve("a/modelnet"), tmp.toString(),
        p -> true, tmp.resolve("user"));
    Path b = CachedDataset.cacheFolder(null, tmp.resolve("b/modelnet"), tmp.toString(),
        p -> true, tmp.resolve("user"));
    assertThat(a.getParent()).isEqualTo(tmp);
    assertThat(a.getFileName().toString()).startsWith("modelnet-");
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void insideTheDatasetWhenWritableElseTheUsersCacheFolder() throws Exception {
    Path ds = Files.createDirectories(tmp.resolve("ds"));
    Path user = tmp.resolve("user-cache");
    assertThat(CachedDataset.cacheFolder(null, ds, null, p -> true, user))
        .isEqualTo(ds.resolve(CachedDataset.CACHE_FOLDER));
    // a read-only dataset folder (a shared copy, a read-only mount)
    Path fallback = CachedDataset.cacheFolder(null, ds, null, p -> false, user);
    assertThat(fallback.getParent()).isEqualTo(user);
    assertThat(fallback.getFileName().toString()).startsWith("ds-");
    // an existing cache folder is judged by itself
    Files.createDirectories(ds.resolve(CachedDataset.CACHE_FOLDER));
    assertThat(CachedDataset.cacheFolder(null, ds, null, p -> p.endsWith(".pointea-cache"), user))
        .isEqualTo(ds.resolve(CachedDataset.CACHE_FOLDER));
  }
}
