package org.pointea.io.bag;

import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.pointea.io.PointCloudFormatException;

/**
 * Reads rosbag2's SQLite storage ({@code .db3}): the {@code topics} and {@code messages} tables of
 * every schema version rosbag2 has written (1 to 4), messages in timestamp order as rosbag2's
 * reader returns them, each message's CDR bytes (decompressed first when the bag was recorded with
 * {@code --compression-mode message --compression-format zstd}).
 *
 * <p>SQLite itself comes from {@code org.xerial:sqlite-jdbc}, used through {@code java.sql} only:
 * it is an optional dependency of pointea-io (13 MB of natives for every platform); add it to read
 * {@code .db3} files (the {@code pointea} command line has it). The database is opened read-only.
 */
final class SqliteBag extends BagReader {
  private static final String DRIVER = "org.sqlite.JDBC";
  private static final int ZSTD_MAGIC = 0xFD2FB528;

  private final Path path;
  private final String name;
  private final Connection db;
  private final Map<Integer, org.pointea.io.bag.Connection> topics = new HashMap<>();
  private final List<org.pointea.io.bag.Connection> ordered = new ArrayList<>();

  private SqliteBag(Path path, Connection db) {
    this.path = path;
    this.name = path.toString();
    this.db = db;
  }

  static SqliteBag openDatabase(Path path) throws IOException {
    String name = path.toString();
    try {
      Class.forName(DRIVER);
    } catch (ClassNotFoundException e) {
      throw new IOException(name + ": reading rosbag2 SQLite (.db3) bags needs SQLite: add "
          + "org.xerial:sqlite-jdbc to the class path (the pointea command line includes it)", e);
    }
    if (!Files.isReadable(path)) {
      throw new java.nio.file.AccessDeniedException(name);
    }
    Properties props = new Properties();
    props.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
    Connection db;
    try {
      db = DriverManager.getConnection("jdbc:sqlite:" + path.toAbsolutePath(), props);
    } catch (SQLException | RuntimeException e) {
      throw error(name, "cannot open the database", e);
    }
    SqliteBag bag = new SqliteBag(path, db);
    try {
      bag.readTopics();
      return bag;
    } catch (IOException | RuntimeException e) {
      bag.close();
      throw e;
    }
  }

  private void readTopics() throws IOException {
    try (Statement st = db.createStatement()) {
      Set<String> tables = new HashSet<>();
      try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      if (!tables.contains("topics") || !tables.contains("messages")) {
        throw new PointCloudFormatException(name, -1, -1, "an SQLite database but not a rosbag2 "
            + "bag: no 'topics' and 'messages' tables (it has " + tables + ")");
      }
      try (ResultSet rs = st.executeQuery(
          "SELECT id, name, type, serialization_format FROM topics ORDER BY id")) {
        while (rs.next()) {
          int id = rs.getInt(1);
          org.pointea.io.bag.Connection c = new org.pointea.io.bag.Connection(id,
              text(rs.getString(2)), text(rs.getString(3)), text(rs.getString(4)));
          topics.put(id, c);
          ordered.add(c);
        }
      }
    } catch (SQLException | RuntimeException e) {
      throw error(name, "cannot read the topics table", e);
    }
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }

  @Override
  public BagFormat format() {
    return BagFormat.ROSBAG2_SQLITE;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void close() throws IOException {
    try {
      db.close();
    } catch (SQLException e) {
      throw new IOException(name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public BagInfo info() throws IOException {
    InfoBuilder b = new InfoBuilder();
    for (org.pointea.io.bag.Connection c : ordered) {
      b.topic(c.topic(), c.type(), c.encoding());
    }
    try (Statement st = db.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT topic_id, COUNT(*), MIN(timestamp),"
          + " MAX(timestamp) FROM messages GROUP BY topic_id")) {
        while (rs.next()) {
          org.pointea.io.bag.Connection c = topics.get(rs.getInt(1));
          if (c == null) {
            throw new PointCloudFormatException(name, -1, -1, rs.getLong(2)
                + " messages refer to topic id " + rs.getInt(1) + ", which the topics table lacks");
          }
          b.count(c.topic(), rs.getLong(2)).time(rs.getLong(3), rs.getLong(4));
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT data FROM messages LIMIT 1")) {
        if (rs.next() && isZstd(rs.getBytes(1))) {
          b.compression("zstd");
        }
      }
    } catch (SQLException | RuntimeException e) {
      throw error(name, "cannot count the messages", e);
    }
    return b.build(name, format(), Files.size(path), true);
  }

  @Override
  RawCursor raw(BagFilter filter) throws IOException {
    StringBuilder sql = new StringBuilder("SELECT id, topic_id, timestamp, data FROM messages"
        + " WHERE timestamp >= ? AND timestamp <= ?");
    if (!filter.topics().isEmpty()) {
      List<String> ids = new ArrayList<>();
      for (org.pointea.io.bag.Connection c : ordered) {
        if (filter.wantsTopic(c.topic())) {
          ids.add(Integer.toString(c.id()));
        }
      }
      sql.append(" AND topic_id IN (").append(ids.isEmpty() ? "NULL" : String.join(",", ids))
          .append(')');
    }
    sql.append(" ORDER BY timestamp, id");
    PreparedStatement st;
    ResultSet rs;
    try {
      st = db.prepareStatement(sql.toString());
      st.setLong(1, filter.startNs());
      st.setLong(2, filter.endNs());
      rs = st.executeQuery();
    } catch (SQLException | RuntimeException e) {
      throw error(name, "cannot query the messages", e);
    }
    return new RawCursor() {
      @Override
      public RawMessage next() throws IOException {
        long id = -1;
        try {
          if (!rs.next()) {
            return null;
          }
          id = rs.getLong(1);
          int topic = rs.getInt(2);
          long time = rs.getLong(3);
          byte[] data = rs.getBytes(4);
          org.pointea.io.bag.Connection c = topics.get(topic);
          if (c == null) {
            throw new PointCloudFormatException(name, -1, -1, "message id " + id
                + " refers to topic id " + topic + ", which the topics table lacks");
          }
          if (data == null) {
            data = new byte[0];
          }
          if (isZstd(data)) {
            data = unzstd(data, id);
          }
          return new RawMessage(c, time, data, 0, data.length, -1);
        } catch (SQLException | RuntimeException e) {
          throw error(name, "cannot read " + (id < 0 ? "the next message" : "message id " + id), e);
        }
      }

      @Override
      public void close() throws IOException {
        try {
          rs.close();
          st.close();
        } catch (SQLException e) {
          throw new IOException(name + ": " + e.getMessage(), e);
        }
      }
    };
  }

  private static boolean isZstd(byte[] data) {
    return data != null && data.length >= 4 && (int) Fields.u32At(data, 0) == ZSTD_MAGIC;
  }

  private byte[] unzstd(byte[] data, long id) throws PointCloudFormatException {
    long size = ZstdDecompressor.getDecompressedSize(data, 0, data.length);
    if (size < 0) {
      throw new PointCloudFormatException(name, -1, -1, "message id " + id
          + " is zstd-compressed without its content size");
    }
    return Decompression.decompress("zstd", data, 0, data.length, size, name + " (message id "
        + id + ")", 0);
  }

  private static PointCloudFormatException error(String name, String what, Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName()
        : e.getMessage().lines().findFirst().orElse("");
    return new PointCloudFormatException(name, -1, -1, what + ": SQLite reports: " + m, e);
  }
}
