package org.pointea.io.bag;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.internal.Input;

/**
 * Reads MCAP files (https://mcap.dev/spec): the summary section (schemas, channels, statistics,
 * chunk indexes) when the footer points to one, and chunks compressed with none, zstd or lz4.
 * Without a usable index (no summary, no chunk indexes, a damaged summary, or a file whose footer
 * is missing because the recording was cut off) the data section is scanned record by record.
 */
final class McapBag extends BagReader {
  static final int HEADER = 0x01;
  static final int FOOTER = 0x02;
  static final int SCHEMA = 0x03;
  static final int CHANNEL = 0x04;
  static final int MESSAGE = 0x05;
  static final int CHUNK = 0x06;
  static final int CHUNK_INDEX = 0x08;
  static final int DATA_END = 0x0B;
  static final int STATISTICS = 0x0E;

  private static final int MAGIC = 8;
  private static final int RECORD_PREFIX = 9;
  private static final int FOOTER_RECORD = RECORD_PREFIX + 20;

  /** A chunk index record of the summary. */
  private record ChunkIndex(long start, long end, long offset, long length, int[] channels,
      String compression) {}

  /** The statistics record of the summary. */
  private record Statistics(long messages, long chunks, long start, long end,
      Map<Integer, Long> counts) {}

  private final Input in;
  private final Map<Integer, String> schemas = new HashMap<>();
  private final Map<Integer, Connection> channels = new HashMap<>();
  private final List<ChunkIndex> chunkIndexes = new ArrayList<>();
  private final long dataStart;
  private Statistics statistics;
  private boolean indexed;

  private McapBag(Input in, long dataStart) {
    this.in = in;
    this.dataStart = dataStart;
  }

  static McapBag open(Input in) throws IOException {
    try {
      in.require(0, MAGIC, "the MCAP magic");
      byte[] magic = read(in, 0, MAGIC, "the MCAP magic");
      if (!Arrays.equals(magic, BagFormat.MCAP_MAGIC)) {
        throw in.error(0, "not an MCAP file: no magic");
      }
      long[] header = recordAt(in, MAGIC, "the header record");
      if (header[0] != HEADER) {
        throw in.error(MAGIC, "the first record has opcode 0x" + Long.toHexString(header[0])
            + ", not the header (0x01)");
      }
      McapBag bag = new McapBag(in, MAGIC + RECORD_PREFIX + header[1]);
      try {
        bag.readSummary();
      } catch (PointCloudFormatException e) {
        // a damaged summary (the data section may be whole): scan, as `mcap recover` does
        bag.schemas.clear();
        bag.channels.clear();
        bag.chunkIndexes.clear();
        bag.statistics = null;
        bag.indexed = false;
      }
      return bag;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  @Override
  public BagFormat format() {
    return BagFormat.MCAP;
  }

  @Override
  public String name() {
    return in.name();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  // ------------------------------------------------------------------ summary

  /** Reads the footer and the summary section; leaves {@link #indexed} false when unusable. */
  private void readSummary() throws IOException {
    long size = in.size();
    if (size < dataStart + FOOTER_RECORD + MAGIC) {
      return;
    }
    byte[] tail = read(in, size - MAGIC - FOOTER_RECORD, FOOTER_RECORD + MAGIC, "the footer");
    if (!Arrays.equals(tail, FOOTER_RECORD, FOOTER_RECORD + MAGIC, BagFormat.MCAP_MAGIC, 0, MAGIC)
        || tail[0] != FOOTER) {
      return; // no footer: an unfinished or truncated file, read by a scan
    }
    long footerAt = size - MAGIC - FOOTER_RECORD;
    Fields f = Fields.inFile(in.name(), tail, 0, FOOTER_RECORD, footerAt);
    f.u8("opcode");
    if (f.u64("footer length") != 20) {
      throw in.error(footerAt + 1, "the footer record's length is not 20");
    }
    long summaryStart = f.u64("summary_start");
    long summaryOffsetStart = f.u64("summary_offset_start");
    if (summaryStart == 0) {
      return; // no summary section
    }
    long summaryEnd = summaryOffsetStart != 0 ? summaryOffsetStart : footerAt;
    if (summaryStart < dataStart || summaryStart > footerAt || summaryEnd < summaryStart
        || summaryEnd > footerAt) {
      throw in.error(footerAt, "the footer's summary section [" + summaryStart + ", "
          + summaryEnd + ") is not between the data section and the footer");
    }
    if (summaryEnd - summaryStart > Input.MAX_MAP) {
      throw in.error(summaryStart, "summary section of " + (summaryEnd - summaryStart)
          + " bytes is too large");
    }
    byte[] summary = read(in, summaryStart, (int) (summaryEnd - summaryStart), "the summary");
    Fields s = Fields.inFile(in.name(), summary, 0, summary.length, summaryStart);
    while (s.remaining() > 0) {
      int at = s.position();
      int op = s.u8("record opcode");
      int len = s.length64("record");
      Fields r = Fields.inFile(in.name(), summary, s.position(), s.position() + len, summaryStart);
      switch (op) {
        case SCHEMA -> schema(r);
        case CHANNEL -> channel(r, channels);
        case STATISTICS -> statistics = statistics(r);
        case CHUNK_INDEX -> chunkIndexes.add(chunkIndex(r));
        case 0 -> throw s.error(at, "record with opcode 0x00");
        default -> { } // attachment / metadata indexes, summary offsets, records of later versions
      }
      s.skip(len, "record");
    }
    long chunks = statistics == null ? -1 : statistics.chunks;
    boolean unchunkedMessages = statistics != null && statistics.messages > 0
        && chunkIndexes.isEmpty();
    indexed = !chunkIndexes.isEmpty() && (chunks < 0 || chunks == chunkIndexes.size())
        || (statistics != null && statistics.messages == 0);
    if (unchunkedMessages || (channels.isEmpty() && !chunkIndexes.isEmpty())) {
      indexed = false; // messages outside chunks, or channels defined only inside the chunks
    }
    chunkIndexes.sort(Comparator.comparingLong(ChunkIndex::offset));
  }

  private void schema(Fields r) throws PointCloudFormatException {
    int id = r.u16("schema id");
    String name = r.string("schema name");
    r.string("schema encoding");
    r.length32("schema data");
    schemas.put(id, name);
  }

  private void channel(Fields r, Map<Integer, Connection> into) throws PointCloudFormatException {
    int at = r.position();
    int id = r.u16("channel id");
    int schemaId = r.u16("channel schema_id");
    String topic = r.string("channel topic");
    String encoding = r.string("channel message_encoding");
    String type = schemaId == 0 ? "" : schemas.get(schemaId);
    if (type == null) {
      throw r.error(at, "channel " + id + " (" + topic + ") refers to schema " + schemaId
          + ", which is not defined before it");
    }
    into.put(id, new Connection(id, topic, type, encoding));
  }

  private static Statistics statistics(Fields r) throws PointCloudFormatException {
    long messages = r.u64("message_count");
    r.u16("schema_count");
    r.u32("channel_count");
    r.u32("attachment_count");
    r.u32("metadata_count");
    long chunks = r.u32("chunk_count");
    long start = r.u64("message_start_time");
    long end = r.u64("message_end_time");
    int n = r.length32("channel_message_counts");
    Map<Integer, Long> counts = new HashMap<>();
    int stop = r.position() + n;
    while (r.position() < stop) {
      int id = r.u16("channel id");
      counts.put(id, r.u64("message count"));
    }
    return new Statistics(messages, chunks, start, end, counts);
  }

  private ChunkIndex chunkIndex(Fields r) throws PointCloudFormatException {
    int at = r.position();
    long start = r.u64("message_start_time");
    long end = r.u64("message_end_time");
    long offset = r.u64("chunk_start_offset");
    long length = r.u64("chunk_length");
    int n = r.length32("message_index_offsets");
    if (n % 10 != 0) {
      throw r.error(at, "message_index_offsets of " + n + " bytes is not a list of 10-byte entries");
    }
    int[] ids = new int[n / 10];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = r.u16("channel id");
      r.u64("message index offset");
    }
    r.u64("message_index_length");
    String compression = r.string("compression");
    if (offset < dataStart || length < RECORD_PREFIX || offset > in.size()
        || length > in.size() - offset) {
      throw r.error(at, "chunk index points to [" + offset + ", " + offset + " + " + length
          + ") outside the data section");
    }
    return new ChunkIndex(start, end, offset, length, ids, compression);
  }

  // ------------------------------------------------------------------ info

  @Override
  public BagInfo info() throws IOException {
    if (indexed && statistics != null) {
      InfoBuilder b = new InfoBuilder();
      for (Connection c : sortedChannels()) {
        b.topic(c.topic(), c.type(), c.encoding());
      }
      for (Connection c : sortedChannels()) {
        b.count(c.topic(), statistics.counts.getOrDefault(c.id(), 0L));
      }
      if (statistics.messages > 0) {
        b.time(statistics.start, statistics.end);
      }
      chunkIndexes.forEach(ci -> b.compression(ci.compression));
      return b.build(in.name(), format(), in.size(), true);
    }
    InfoBuilder b = new InfoBuilder();
    for (Connection c : sortedChannels()) {
      b.topic(c.topic(), c.type(), c.encoding());
    }
    try (ChunkedCursor cursor = new ChunkedCursor(BagFilter.ALL, b)) {
      for (RawMessage m = cursor.next(); m != null; m = cursor.next()) {
        Connection c = m.connection();
        b.topic(c.topic(), c.type(), c.encoding()).count(c.topic(), 1).time(m.timeNs(), m.timeNs());
      }
    }
    return b.build(in.name(), format(), in.size(), indexed);
  }

  private List<Connection> sortedChannels() {
    List<Connection> list = new ArrayList<>(channels.values());
    list.sort(Comparator.comparingInt(Connection::id));
    return list;
  }

  // ------------------------------------------------------------------ messages

  @Override
  RawCursor raw(BagFilter filter) {
    return new ChunkedCursor(filter, null);
  }

  /**
   * Walks the chunks the index lists (skipping those outside the filter), or every record of the
   * data section when there is no index, and the messages inside each chunk.
   */
  private final class ChunkedCursor implements RawCursor {
    private final BagFilter filter;
    private final InfoBuilder compressions;
    private final Map<Integer, Connection> known = new HashMap<>(channels);
    private int nextIndex;
    private long pos = dataStart;
    private boolean ended;
    private Fields chunk;
    private long chunkAt;

    ChunkedCursor(BagFilter filter, InfoBuilder compressions) {
      this.filter = filter;
      this.compressions = compressions;
    }

    @Override
    public RawMessage next() throws IOException {
      while (true) {
        if (chunk != null) {
          RawMessage m = nextInChunk();
          if (m != null) {
            return m;
          }
          chunk = null;
        }
        if (ended) {
          return null;
        }
        if (indexed) {
          if (!nextIndexedChunk()) {
            ended = true;
          }
          continue;
        }
        RawMessage m = nextRecord();
        if (m != null) {
          return m;
        }
      }
    }

    /** Opens the next chunk of the index that may hold wanted messages. */
    private boolean nextIndexedChunk() throws IOException {
      while (nextIndex < chunkIndexes.size()) {
        ChunkIndex ci = chunkIndexes.get(nextIndex++);
        if (!filter.overlaps(ci.start, ci.end) || !anyWanted(ci.channels)) {
          continue;
        }
        long[] rec = recordAt(in, ci.offset, "the chunk the index points to");
        if (rec[0] != CHUNK || rec[1] + RECORD_PREFIX != ci.length) {
          throw in.error(ci.offset, "the chunk index points to a record with opcode 0x"
              + Long.toHexString(rec[0]) + " and " + rec[1] + " bytes, not a chunk of "
              + (ci.length - RECORD_PREFIX));
        }
        openChunk(ci.offset, (int) rec[1]);
        return true;
      }
      return false;
    }

    private boolean anyWanted(int[] ids) {
      if (ids.length == 0 || filter.topics().isEmpty()) {
        return true;
      }
      for (int id : ids) {
        Connection c = known.get(id);
        if (c == null || filter.wantsTopic(c.topic())) {
          return true;
        }
      }
      return false;
    }

    /** Reads the record at {@link #pos} of a linear scan; returns a message when it is one. */
    private RawMessage nextRecord() throws IOException {
      if (pos == in.size()) {
        ended = true;
        throw in.error(pos, "truncated: the file ends without a data-end record and footer"
            + " (an unfinished recording); the messages before this offset were read");
      }
      long at = pos;
      long[] rec = recordAt(in, at, "a record");
      int op = (int) rec[0];
      long len = rec[1];
      pos = at + RECORD_PREFIX + len;
      switch (op) {
        case SCHEMA, CHANNEL, MESSAGE, CHUNK -> {
          if (len > Input.MAX_MAP) {
            throw in.error(at, "record of " + len + " bytes is too large");
          }
          if (op == CHUNK) {
            openChunk(at, (int) len);
            return null;
          }
          byte[] body = read(in, at + RECORD_PREFIX, (int) len, "a record");
          Fields r = Fields.inFile(in.name(), body, 0, body.length, at + RECORD_PREFIX);
          return inner(op, r, at);
        }
        case DATA_END, FOOTER -> {
          ended = true;
          return null;
        }
        case 0 -> throw in.error(at, "record with opcode 0x00");
        default -> {
          return null; // indexes, attachments, metadata, records of later versions
        }
      }
    }

    /** Reads a chunk record and decompresses its records. */
    private void openChunk(long at, int len) throws IOException {
      byte[] body = read(in, at + RECORD_PREFIX, len, "a chunk");
      Fields r = Fields.inFile(in.name(), body, 0, len, at + RECORD_PREFIX);
      long start = r.u64("message_start_time");
      long end = r.u64("message_end_time");
      long size = r.u64("uncompressed_size");
      long crc = r.u32("uncompressed_crc");
      String compression = r.string("compression");
      int n = r.length64("records");
      if (compressions != null) {
        compressions.compression(compression);
      }
      if (indexed && !filter.overlaps(start, end)) {
        return; // a scan decompresses every chunk: channels may be defined in any of them
      }
      byte[] records;
      int from;
      if (Decompression.isNone(compression)) {
        if (size != n) {
          throw r.error(r.position(), "uncompressed chunk declares " + size
              + " bytes but holds " + n);
        }
        records = body;
        from = r.position();
      } else {
        records = Decompression.decompress(compression, body, r.position(), n, size, in.name(), at);
        from = 0;
      }
      if (crc != 0) {
        CRC32 c = new CRC32();
        c.update(records, from, (int) size);
        if (c.getValue() != crc) {
          throw in.error(at, "chunk CRC mismatch: the records' CRC32 is 0x"
              + Long.toHexString(c.getValue()) + ", the chunk declares 0x" + Long.toHexString(crc));
        }
      }
      chunkAt = at;
      chunk = Fields.inChunk(in.name(), records, from, from + (int) size, at);
    }

    private RawMessage nextInChunk() throws IOException {
      while (chunk.remaining() > 0) {
        int at = chunk.position();
        int op = chunk.u8("record opcode");
        int len = chunk.length64("record");
        int body = chunk.position();
        chunk.skip(len, "record");
        if (op == 0) {
          throw chunk.error(at, "record with opcode 0x00");
        }
        if (op == SCHEMA || op == CHANNEL || op == MESSAGE) {
          Fields r = Fields.inChunk(in.name(), chunk.array(), body, body + len, chunkAt);
          RawMessage m = inner(op, r, chunkAt);
          if (m != null) {
            return m;
          }
        }
      }
      return null;
    }

    /** Handles a schema, channel or message record; returns the message if wanted. */
    private RawMessage inner(int op, Fields r, long recordAt) throws PointCloudFormatException {
      if (op == SCHEMA) {
        schema(r);
        return null;
      }
      if (op == CHANNEL) {
        channel(r, known);
        return null;
      }
      int at = r.position();
      int id = r.u16("message channel_id");
      r.u32("message sequence");
      long logTime = r.u64("message log_time");
      r.u64("message publish_time");
      Connection c = known.get(id);
      if (c == null) {
        throw r.error(at, "message on channel " + id + ", which is not defined before it");
      }
      if (!filter.wantsTopic(c.topic()) || !filter.wantsTime(logTime)) {
        return null;
      }
      return new RawMessage(c, logTime, r.array(), r.position(), r.remaining(), recordAt);
    }
  }

  // ------------------------------------------------------------------ file access

  /** Returns {opcode, content length} of the record at {@code at}, checked against the file. */
  private static long[] recordAt(Input in, long at, String what) throws IOException {
    byte[] prefix = read(in, at, RECORD_PREFIX, what);
    long len = Fields.u32At(prefix, 1) | Fields.u32At(prefix, 5) << 32;
    long remain = in.size() - at - RECORD_PREFIX;
    if (len < 0 || len > remain) {
      throw in.error(at, "truncated: " + what + " (opcode 0x" + Integer.toHexString(prefix[0] & 0xFF)
          + ") declares " + Long.toUnsignedString(len) + " bytes but " + remain + " remain");
    }
    return new long[] {prefix[0] & 0xFF, len};
  }

  /** Reads exactly {@code len} bytes at {@code at}, checked against the file's size first. */
  static byte[] read(Input in, long at, int len, String what) throws IOException {
    in.require(at, len, what);
    byte[] b = new byte[len];
    int n = 0;
    while (n < len) {
      int r = in.read(at + n, b, n, len - n);
      if (r <= 0) {
        throw in.error(at + n, "truncated: " + what + " ends early");
      }
      n += r;
    }
    return b;
  }
}
