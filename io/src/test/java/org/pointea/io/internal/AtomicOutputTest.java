package org.pointea.io.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
  @TempDir
  Path tmp;

  @Test
  void aWriteErrorNamesTheFileBeingWrittenAndLeavesNothing() throws Exception {
    // issue 12, G: "pointea convert: No space left on device" named no file
    Path target = tmp.resolve("out.ply");
    assertThatThrownBy(() -> AtomicOutput.write(target, ch -> {
      ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
      throw new IOException("No space left on device");
    })).isInstanceOf(FileSystemException.class)
        .hasMessage(target.toAbsolutePath() + ": No space left on device");
    try (var files = Files.list(tmp)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void writesThroughATemporarySibling() throws Exception {
    Path target = tmp.resolve("a.bin");
    AtomicOutput.write(target, ch -> ch.write(ByteBuffer.wrap(new byte[] {7})));
    assertThat(Files.readAllBytes(target)).containsExactly(7);
  }
}
