package org.pointea.io.dataset.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {
  @TempDir Path tmp;

  @Test
  void statSeesSizeTimeAndNamesButNotTheRootFolder() throws Exception {
    Path a = Files.writeString(Files.createDirectories(tmp.resolve("a")).resolve("x.txt"), "12345");
    Files.setLastModifiedTime(a, FileTime.fromMillis(1_000_000));
    String f0 = Fingerprint.ofFiles(tmp.resolve("a"), List.of(a), FingerprintMode.STAT);
    Path b = Files.createDirectories(tmp.resolve("b")).resolve("x.txt");
    Files.copy(a, b);
    Files.setLastModifiedTime(b, FileTime.fromMillis(1_000_000));
    assertThat(Fingerprint.ofFiles(tmp.resolve("b"), List.of(b), FingerprintMode.STAT))
        .isEqualTo(f0);
    Files.setLastModifiedTime(b, FileTime.fromMillis(2_000_000));
    assertThat(Fingerprint.ofFiles(tmp.resolve("b"), List.of(b), FingerprintMode.STAT))
        .isNotEqualTo(f0);
    assertThat(Fingerprint.ofFiles(tmp, List.of(a), FingerprintMode.STAT)).isNotEqualTo(f0);
  }

  @Test
  void contentSeesBytesOnly() throws Exception {
    Path a = Files.writeString(tmp.resolve("x.txt"), "12345");
    String f0 = Fingerprint.ofFiles(tmp, List.of(a), FingerprintMode.CONTENT);
    Files.setLastModifiedTime(a, FileTime.fromMillis(5));
    assertThat(Fingerprint.ofFiles(tmp, List.of(a), FingerprintMode.CONTENT)).isEqualTo(f0);
    Files.writeString(a, "12346");
    assertThat(Fingerprint.ofFiles(tmp, List.of(a), FingerprintMode.CONTENT)).isNotEqualTo(f0);
    assertThat(f0).hasSize(64).matches("[0-9a-f]+");
  }

  @Test
  void textIsSha256() {
    assertThat(Fingerprint.ofText("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
