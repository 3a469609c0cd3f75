package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.models.trainer.Trainer;

class FailedStartTest {
  @TempDir Path tmp;

  @Test
  void aRunThatFailedBeforeItsFirstCheckpointLeavesNothingBehind() throws Exception {
    Path run = Files.createDirectories(tmp.resolve("run"));
    Files.writeString(run.resolve(Trainer.RUN_FILE), "{}");
    Files.writeString(run.resolve(Trainer.METRICS_FILE), "");
    assertThat(Trainer.isRun(run)).isTrue();
    assertThat(FailedStart.clean(run, false)).isTrue();
    assertThat(run).doesNotExist();
  }

  @Test
  void aFolderTheUserMadeIsKeptAndOnlyTheRunFilesGo() throws Exception {
    Path run = Files.createDirectories(tmp.resolve("run"));
    Files.writeString(run.resolve("notes.txt"), "mine");
    Files.writeString(run.resolve(Trainer.RUN_FILE), "{}");
    assertThat(FailedStart.clean(run, true)).isTrue();
    assertThat(Trainer.isRun(run)).isFalse();
    assertThat(run.resolve("notes.txt")).exists();
  }

  @Test
  void aRunWithACheckpointIsKeptForResume() throws Exception {
    Path run = Files.createDirectories(tmp.resolve("run"));
    Files.createDirectories(run.resolve(Trainer.LAST));
    Files.writeString(run.resolve(Trainer.RUN_FILE), "{}");
    assertThat(FailedStart.clean(run, false)).isFalse();
    assertThat(Trainer.isRun(run)).isTrue();
  }
}
