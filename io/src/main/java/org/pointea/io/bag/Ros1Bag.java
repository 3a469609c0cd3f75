package org.pointea.io.bag;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.internal.Input;

/**
 * Reads ROS 1 bags, format version 2.0 (http://wiki.ros.org/Bags/Format/2.0): the connection and
 * chunk-info records at {@code index_pos} when the bag is indexed, chunks stored as they are or
 * compressed with bz2 or lz4. A bag whose header has {@code index_pos} 0 (left by a recorder that
 * did not close it), or whose index is cut off or damaged, is scanned record by record, including
 * messages written after the last closed chunk.
 */
final class Ros1Bag extends BagReader {
  static final int OP_MESSAGE = 0x02;
  static final int OP_BAG_HEADER = 0x03;
  static final int OP_INDEX = 0x04;
  static final int OP_CHUNK = 0x05;
  static final int OP_CHUNK_INFO = 0x06;
  static final int OP_CONNECTION = 0x07;

  private static final int VERSION_LINE = 13;

  /** A chunk-info record: where a chunk is, its time range and message counts per connection. */
  private record ChunkInfo(long offset, long start, long end, Map<Integer, Long> counts) {}

  /** A record read from the file: its header and where its data lies. */
  private record Record(long at, Ros1Header header, long dataAt, int dataLen, long next) {}

  private final Input in;
  private final Map<Integer, Connection> connections = new HashMap<>();
  private final List<ChunkInfo> chunks = new ArrayList<>();
  private final long dataStart;
  private boolean indexed;

  private Ros1Bag(Input in, long dataStart) {
    this.in = in;
    this.dataStart = dataStart;
  }

  static Ros1Bag open(Input in) throws IOException {
    try {
      byte[] line = McapBag.read(in, 0, VERSION_LINE, "the version line");
      if (!java.util.Arrays.equals(line, BagFormat.ROS1_MAGIC)) {
        throw in.error(0, "not a ROS 1 bag v2.0: no '#ROSBAG V2.0' line");
      }
      Record header = record(in, VERSION_LINE);
      if (header.header.op() != OP_BAG_HEADER) {
        throw in.error(VERSION_LINE, "the first record has op 0x"
            + Integer.toHexString(header.header.op()) + ", not the bag header (0x03)");
      }
      Ros1Bag bag = new Ros1Bag(in, header.next);
      long indexPos = header.header.u64("index_pos");
      long chunkCount = header.header.u32("chunk_count");
      if (indexPos != 0 && Long.compareUnsigned(indexPos, header.next) < 0) {
        throw in.error(VERSION_LINE, "index_pos " + Long.toUnsignedString(indexPos)
            + " points into the bag header");
      }
      if (indexPos != 0 && Long.compareUnsigned(indexPos, in.size()) < 0) {
        try {
          bag.readIndex(indexPos, chunkCount);
        } catch (PointCloudFormatException e) {
          // a cut-off or damaged index (the chunks before it are whole): scan, as `rosbag reindex`
          bag.connections.clear();
          bag.chunks.clear();
          bag.indexed = false;
        }
      }
      return bag;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  @Override
  public BagFormat format() {
    return BagFormat.ROS1;
  }

  @Override
  public String name() {
    return in.name();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Reads the connection and chunk-info records that follow the last chunk. */
  private void readIndex(long indexPos, long chunkCount) throws IOException {
    long pos = indexPos;
    while (pos < in.size()) {
      Record r = record(in, pos);
      int op = r.header.op();
      if (op == OP_CONNECTION) {
        connection(r.header, data(r));
      } else if (op == OP_CHUNK_INFO) {
        chunks.add(chunkInfo(r));
      } else {
        throw in.error(pos, "record with op 0x" + Integer.toHexString(op)
            + " in the index section (only connections and chunk infos belong there)");
      }
      pos = r.next;
    }
    if (chunks.size() != chunkCount) {
      throw in.error(indexPos, "the bag header announces " + chunkCount + " chunks but the index"
          + " lists " + chunks.size());
    }
    chunks.sort(Comparator.comparingLong(ChunkInfo::offset));
    indexed = true;
  }

  private ChunkInfo chunkInfo(Record r) throws IOException {
    long ver = r.header.u32("ver");
    if (ver != 1) {
      throw in.error(r.at, "chunk info version " + ver + " (pointea reads version 1)");
    }
    long offset = r.header.u64("chunk_pos");
    long start = r.header.time("start_time");
    long end = r.header.time("end_time");
    long count = r.header.u32("count");
    if (offset < dataStart || offset >= in.size()) {
      throw in.error(r.at, "chunk info points to byte " + Long.toUnsignedString(offset)
          + ", outside the data section");
    }
    if (count * 8 != r.dataLen) {
      throw in.error(r.dataAt, "chunk info lists " + count + " connections in " + r.dataLen
          + " bytes (8 each)");
    }
    byte[] d = data(r).array();
    Map<Integer, Long> counts = new HashMap<>();
    for (int i = 0; i < count; i++) {
      counts.put((int) Fields.u32At(d, 8 * i), Fields.u32At(d, 8 * i + 4));
    }
    return new ChunkInfo(offset, start, end, counts);
  }

  /** Registers a connection record: header {@code conn}, {@code topic}; data: its header. */
  private Connection connection(Ros1Header h, Fields data) throws PointCloudFormatException {
    int id = (int) h.u32("conn");
    String topic = h.string("topic");
    Ros1Header ch = Ros1Header.parse(data, data.remaining());
    String type = ch.has("type") ? ch.string("type") : "";
    Connection c = new Connection(id, topic, type, "ros1");
    connections.put(id, c);
    return c;
  }

  private Fields data(Record r) throws IOException {
    byte[] d = McapBag.read(in, r.dataAt, r.dataLen, "record data");
    return Fields.inFile(in.name(), d, 0, d.length, r.dataAt);
  }

  // ------------------------------------------------------------------ info

  @Override
  public BagInfo info() throws IOException {
    InfoBuilder b = new InfoBuilder();
    List<Connection> sorted = new ArrayList<>(connections.values());
    sorted.sort(Comparator.comparingInt(Connection::id));
    Map<Integer, String> topicOf = new HashMap<>();
    for (Connection c : sorted) {
      b.topic(c.topic(), c.type(), c.encoding());
      topicOf.put(c.id(), c.topic());
    }
    if (indexed) {
      for (ChunkInfo ci : chunks) {
        for (Map.Entry<Integer, Long> e : ci.counts.entrySet()) {
          String topic = topicOf.get(e.getKey());
          if (topic == null) {
            throw in.error(ci.offset, "chunk info counts messages of connection " + e.getKey()
                + ", which the index does not define");
          }
          b.count(topic, e.getValue());
        }
        b.time(ci.start, ci.end);
      }
      // compressions: read each chunk's header only
      for (ChunkInfo ci : chunks) {
        b.compression(record(in, ci.offset).header.string("compression"));
      }
      return b.build(in.name(), format(), in.size(), true);
    }
    try (Cursor cursor = new Cursor(BagFilter.ALL, b)) {
      for (RawMessage m = cursor.next(); m != null; m = cursor.next()) {
        Connection c = m.connection();
        b.topic(c.topic(), c.type(), c.encoding()).count(c.topic(), 1).time(m.timeNs(), m.timeNs());
      }
    }
    return b.build(in.name(), format(), in.size(), false);
  }

  // ------------------------------------------------------------------ messages

  @Override
  RawCursor raw(BagFilter filter) {
    return new Cursor(filter, null);
  }

  /** Walks the indexed chunks (skipping those outside the filter) or scans every record. */
  private final class Cursor implements RawCursor {
    private final BagFilter filter;
    private final InfoBuilder compressions;
    private int nextChunk;
    private long pos = dataStart;
    private Fields chunk;
    private long chunkAt;
    private boolean ended;

    Cursor(BagFilter filter, InfoBuilder compressions) {
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
          ended = !nextIndexedChunk();
          continue;
        }
        if (pos >= in.size()) {
          ended = true;
          continue;
        }
        RawMessage m = nextRecord();
        if (m != null) {
          return m;
        }
      }
    }

    private boolean nextIndexedChunk() throws IOException {
      while (nextChunk < chunks.size()) {
        ChunkInfo ci = chunks.get(nextChunk++);
        if (!filter.overlaps(ci.start, ci.end) || !anyWanted(ci.counts)) {
          continue;
        }
        Record r = record(in, ci.offset);
        if (r.header.op() != OP_CHUNK) {
          throw in.error(ci.offset, "the chunk info points to a record with op 0x"
              + Integer.toHexString(r.header.op()) + ", not a chunk");
        }
        openChunk(r);
        return true;
      }
      return false;
    }

    private boolean anyWanted(Map<Integer, Long> counts) {
      if (filter.topics().isEmpty()) {
        return true;
      }
      for (Integer id : counts.keySet()) {
        Connection c = connections.get(id);
        if (c == null || filter.wantsTopic(c.topic())) {
          return true;
        }
      }
      return false;
    }

    /** Reads the top-level record at {@link #pos} of a scan. */
    private RawMessage nextRecord() throws IOException {
      Record r = record(in, pos);
      pos = r.next;
      int op = r.header.op();
      switch (op) {
        case OP_CHUNK -> openChunk(r);
        case OP_CONNECTION -> connection(r.header, data(r));
        case OP_MESSAGE -> {
          Fields d = data(r);
          return message(r.header, d, 0, d.remaining(), r.at);
        }
        default -> { } // index data, chunk infos (of a partly written index), bag headers
      }
      return null;
    }

    private void openChunk(Record r) throws IOException {
      String compression = r.header.string("compression");
      long size = r.header.u32("size");
      if (compressions != null) {
        compressions.compression(compression);
      }
      Fields d = data(r);
      if (Decompression.isNone(compression)) {
        if (size != r.dataLen) {
          throw in.error(r.at, "uncompressed chunk declares " + size + " bytes but holds "
              + r.dataLen);
        }
        chunk = Fields.inChunk(in.name(), d.array(), 0, r.dataLen, r.at);
      } else {
        byte[] b = Decompression.decompress(compression, d.array(), 0, r.dataLen, size, in.name(),
            r.at);
        chunk = Fields.inChunk(in.name(), b, 0, b.length, r.at);
      }
      chunkAt = r.at;
    }

    private RawMessage nextInChunk() throws IOException {
      while (chunk.remaining() > 0) {
        int headerLen = chunk.length32("record header");
        Ros1Header h = Ros1Header.parse(chunk, headerLen);
        int dataLen = chunk.length32("record data");
        int dataAt = chunk.position();
        chunk.skip(dataLen, "record data");
        int op = h.op();
        if (op == OP_MESSAGE) {
          RawMessage m = message(h, chunk, dataAt, dataLen, chunkAt);
          if (m != null) {
            return m;
          }
        } else if (op == OP_CONNECTION) {
          connection(h, Fields.inChunk(in.name(), chunk.array(), dataAt, dataAt + dataLen,
              chunkAt));
        }
      }
      return null;
    }

    private RawMessage message(Ros1Header h, Fields holder, int dataAt, int dataLen, long at)
        throws PointCloudFormatException {
      int id = (int) h.u32("conn");
      long time = h.time("time");
      Connection c = connections.get(id);
      if (c == null) {
        throw in.error(at, "message on connection " + id + ", which is not defined before it");
      }
      if (!filter.wantsTopic(c.topic()) || !filter.wantsTime(time)) {
        return null;
      }
      return new RawMessage(c, time, holder.array(), dataAt, dataLen, at);
    }
  }

  /**
   * Reads the record at {@code at}: its header, and the position and length of its data (checked
   * against the file, not read).
   */
  private static Record record(Input in, long at) throws IOException {
    byte[] len = McapBag.read(in, at, 4, "a record header length");
    long headerLen = Fields.u32At(len, 0);
    long remain = in.size() - at - 4;
    if (headerLen + 4 > remain) {
      throw in.error(at, "truncated: a record header of " + headerLen + " bytes (and its data"
          + " length) does not fit in the " + remain + " bytes that remain");
    }
    byte[] hd = McapBag.read(in, at + 4, (int) headerLen + 4, "a record header");
    Fields f = Fields.inFile(in.name(), hd, 0, hd.length, at + 4);
    Ros1Header h = Ros1Header.parse(f, (int) headerLen);
    long dataLen = f.u32("data length");
    long dataAt = at + 8 + headerLen;
    if (dataLen > Input.MAX_MAP) {
      throw in.error(at, "a record's data of " + dataLen + " bytes is too large");
    }
    if (dataLen > in.size() - dataAt) {
      throw in.error(at, "truncated: a record's data of " + dataLen + " bytes does not fit in the "
          + (in.size() - dataAt) + " bytes that remain");
    }
    return new Record(at, h, dataAt, (int) dataLen, dataAt + dataLen);
  }
}
