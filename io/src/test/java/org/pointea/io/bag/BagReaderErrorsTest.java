package org.pointea.io.bag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pointea.io.PointCloudFormatException;

/**
 * Damaged bags: truncated recordings yield their whole messages and then one-line errors with the
 * offset; garbage, oversized lengths and lying chunk sizes fail fast with bounded allocation.
 */
class BagReaderErrorsTest {
  @TempDir
  Path tmp;

  static byte[] bytes(String name) throws IOException {
    return Files.readAllBytes(BagFixtures.file(name));
  }

  /** Reads every frame; returns how many came before the error (rethrown). */
  static int readAll(byte[] bag, String name, List<CloudFrame> into) throws IOException {
    try (BagReader r = BagReader.open(bag, name)) {
      r.frames(BagFilter.ALL).forEachRemaining(into::add);
    }
    return into.size();
  }

  static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  static void assertOneLine(Throwable e, String name) {
    assertThat(e).isInstanceOf(PointCloudFormatException.class);
    assertThat(e.getMessage()).doesNotContain("\n").startsWith(name + ": byte ");
    assertThat(((PointCloudFormatException) e).byteOffset()).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"lidar_zstd.mcap", "lidar_lz4.mcap", "lidar_uncompressed.mcap",
      "lidar_unindexed.mcap", "lidar_bz2.bag", "lidar_lz4.bag", "lidar_active.bag"})
  void truncatedRecordingsYieldWholeMessagesThenFailAtTheCut(String file) throws IOException {
    byte[] whole = bytes(file);
    int reference = readAll(whole, file, new ArrayList<>());
    for (int cut : new int[] {whole.length * 2 / 3, whole.length - 40, 100}) {
      byte[] part = Arrays.copyOf(whole, cut);
      List<CloudFrame> got = new ArrayList<>();
      Throwable e = null;
      try {
        readAll(part, file, got);
      } catch (IOException ex) {
        e = ex;
      }
      if (e != null) {
        assertOneLine(e, file);
        assertThat(((PointCloudFormatException) e).byteOffset().getAsLong()).isBetween(0L,
            (long) cut);
      }
      assertThat(got.size()).isLessThanOrEqualTo(reference);
      if (cut == whole.length - 40) {
        // the footer or the index is gone: every frame is still read (by a scan)
        assertThat(got).hasSize(reference);
      }
    }
  }

  @Test
  void garbageIsNotABag() {
    byte[] junk = "PK\u0003\u0004 this is a zip file, not a bag".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> BagReader.open(junk, "junk.bag"))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessage("junk.bag: byte 0: not a bag: no MCAP, ROS 1 (#ROSBAG V2.0) or SQLite signature");
    byte[] old = "#ROSBAG V1.2\n......".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> BagReader.open(old, "old.bag"))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("ROS 1 bag format V1.2 is not supported");
  }

  @Test
  void mcapMagicAloneIsTruncated() {
    byte[] magic = Arrays.copyOf(BagFormat.MCAP_MAGIC, 8);
    assertThatThrownBy(() -> BagReader.open(magic, "m.mcap"))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageStartingWith("m.mcap: byte 8: truncated");
  }

  @Test
  void mcapRecordLengthBeyondTheFileFailsWithoutAllocating() throws IOException {
    byte[] b = bytes("lidar_unindexed.mcap");
    // the header record's length: opcode at 8, u64 length at 9
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(9, 1L << 60);
    long before = allocated();
    assertThatThrownBy(() -> BagReader.open(b, "big.mcap"))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("byte 8: truncated: the header record (opcode 0x1) declares "
            + (1L << 60) + " bytes");
    assertThat(allocated() - before).isLessThan(1 << 20);
  }

  @ParameterizedTest
  @ValueSource(longs = {900_000_000L, 1L << 40})
  void aChunkLyingAboutItsSizeFailsWithBoundedAllocation(long declared) throws IOException {
    byte[] b = bytes("lidar_zstd.mcap");
    int chunk = firstChunk(b);
    // chunk content: start u64, end u64, uncompressed_size u64 at +16
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(chunk + 9 + 16, declared);
    long before = allocated();
    Throwable e = null;
    try {
      readAll(b, "lie.mcap", new ArrayList<>());
    } catch (IOException ex) {
      e = ex;
    }
    assertOneLine(e, "lie.mcap");
    assertThat(e.getMessage()).contains("byte " + chunk + ":");
    assertThat(allocated() - before).isLessThan(64L << 20);
  }

  @Test
  void aDamagedChunkFailsItsCrc() throws IOException {
    byte[] b = bytes("lidar_uncompressed.mcap");
    int chunk = firstChunk(b);
    b[chunk + 200] ^= 0x40;
    Throwable e = null;
    try {
      readAll(b, "crc.mcap", new ArrayList<>());
    } catch (IOException ex) {
      e = ex;
    }
    assertOneLine(e, "crc.mcap");
    assertThat(e.getMessage()).contains("byte " + chunk + ": chunk CRC mismatch");
  }

  @Test
  void ros1RecordHeaderBeyondTheFileFails() throws IOException {
    byte[] b = bytes("lidar_bz2.bag");
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(13, 0x7FFFFFF0);
    assertThatThrownBy(() -> BagReader.open(b, "h.bag"))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageStartingWith("h.bag: byte 13: truncated: a record header of 2147483632 bytes");
  }

  @Test
  void ros1MessageOnAnUndefinedConnectionFails() throws IOException {
    byte[] b = bytes("lidar_active.bag");
    // the first "conn=" field of a message record: point it to connection 99
    int at = indexOf(b, "conn=".getBytes(StandardCharsets.US_ASCII), 4096 + 13);
    while (b[at - 4 + 0] != 9) { // a 9-byte field: conn= plus a uint32
      at = indexOf(b, "conn=".getBytes(StandardCharsets.US_ASCII), at + 1);
    }
    b[at + 5] = 99;
    Throwable e = null;
    try {
      readAll(b, "c.bag", new ArrayList<>());
    } catch (IOException ex) {
      e = ex;
    }
    assertOneLine(e, "c.bag");
    assertThat(e.getMessage()).containsPattern("connection (99|\\d+), which is not defined before it");
  }

  @Test
  void sqliteThatIsNotARosbag(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("other.db3");
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
        var st = c.createStatement()) {
      st.execute("CREATE TABLE foo(x INTEGER)");
    }
    assertThatThrownBy(() -> BagReader.open(db))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("not a rosbag2 bag: no 'topics' and 'messages' tables");
  }

  @Test
  void truncatedSqliteFailsWithOneLine() throws IOException {
    byte[] b = bytes("lidar.db3");
    Path db = tmp.resolve("cut.db3");
    Files.write(db, Arrays.copyOf(b, b.length / 2));
    Throwable e = null;
    try (BagReader r = BagReader.open(db)) {
      r.info();
      r.frames(BagFilter.ALL).forEachRemaining(f -> { });
    } catch (IOException ex) {
      e = ex;
    }
    assertThat(e).isInstanceOf(PointCloudFormatException.class);
    assertThat(e.getMessage()).doesNotContain("\n").startsWith(db + ": ").contains("SQLite reports");
  }

  @Test
  void sqliteWithZstdCompressedMessagesReadsTheSame(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("zstd.db3");
    Files.copy(BagFixtures.file("lidar.db3"), db);
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db)) {
      List<Object[]> rows = new ArrayList<>();
      try (var st = c.createStatement(); var rs = st.executeQuery("SELECT id, data FROM messages")) {
        while (rs.next()) {
          rows.add(new Object[] {rs.getLong(1), rs.getBytes(2)});
        }
      }
      io.airlift.compress.zstd.ZstdCompressor z = new io.airlift.compress.zstd.ZstdCompressor();
      try (var up = c.prepareStatement("UPDATE messages SET data = ? WHERE id = ?")) {
        for (Object[] r : rows) {
          byte[] raw = (byte[]) r[1];
          byte[] out = new byte[z.maxCompressedLength(raw.length)];
          int n = z.compress(raw, 0, raw.length, out, 0, out.length);
          up.setBytes(1, Arrays.copyOf(out, n));
          up.setLong(2, (Long) r[0]);
          up.executeUpdate();
        }
      }
    }
    List<CloudFrame> got = new ArrayList<>();
    try (BagReader r = BagReader.open(db)) {
      assertThat(r.info().compression()).containsExactly("zstd");
      r.frames(BagFilter.ALL).forEachRemaining(got::add);
    }
    List<CloudFrame> reference = BagReaderTest.frames("lidar.db3", BagFilter.ALL);
    assertThat(got).hasSameSizeAs(reference);
    for (int i = 0; i < got.size(); i++) {
      assertThat(got.get(i).cloud()).isEqualTo(reference.get(i).cloud());
    }
  }

  static int firstChunk(byte[] b) {
    int pos = 8;
    while (true) {
      int op = b[pos] & 0xFF;
      long len = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(pos + 1);
      if (op == 0x06) {
        return pos;
      }
      pos += 9 + (int) len;
    }
  }

  static int indexOf(byte[] b, byte[] what, int from) {
    outer:
    for (int i = from; i <= b.length - what.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (b[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
