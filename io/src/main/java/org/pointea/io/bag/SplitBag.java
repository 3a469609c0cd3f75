package org.pointea.io.bag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.pointea.io.PointCloudFormatException;

/**
 * A rosbag2 bag directory: its storage files ({@code NAME_0.mcap}, {@code NAME_1.mcap}, ... or
 * {@code .db3}) read one after the other, in the order of their split number; only the file being
 * read is open.
 */
final class SplitBag extends BagReader {
  private static final Pattern SPLIT = Pattern.compile("^(.*?)(\\d+)\\.(mcap|db3)$");

  private final Path dir;
  private final List<Path> parts;
  private final BagFormat format;

  private SplitBag(Path dir, List<Path> parts, BagFormat format) {
    this.dir = dir;
    this.parts = parts;
    this.format = format;
  }

  static BagReader openDirectory(Path dir) throws IOException {
    List<Path> parts;
    try (Stream<Path> s = Files.list(dir)) {
      parts = new ArrayList<>(s.filter(Files::isRegularFile).filter(p -> {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".mcap") || n.endsWith(".db3");
      }).toList());
    }
    if (parts.isEmpty()) {
      throw new PointCloudFormatException(dir.toString(), -1, -1, "a directory without .mcap or"
          + " .db3 storage files (a rosbag2 bag directory holds metadata.yaml and NAME_0.mcap or"
          + " NAME_0.db3)");
    }
    parts.sort(Comparator.comparing(SplitBag::splitKey));
    if (parts.size() == 1) {
      return BagReader.open(parts.get(0));
    }
    BagFormat format = null;
    for (Path p : parts) {
      BagFormat f = BagFormat.detect(p).orElseThrow(() -> new PointCloudFormatException(
          p.toString(), -1, 0, "not a bag: no MCAP or SQLite signature"));
      if (format != null && f != format) {
        throw new PointCloudFormatException(dir.toString(), -1, -1, "storage files of two formats ("
            + format + " and " + f + ") in one bag directory");
      }
      format = f;
    }
    return new SplitBag(dir, parts, format);
  }

  /** Sorts {@code bag_2.db3} before {@code bag_10.db3}. */
  private static String splitKey(Path p) {
    String n = p.getFileName().toString();
    Matcher m = SPLIT.matcher(n);
    return m.matches() ? m.group(1) + String.format(Locale.ROOT, "%020d", Long.parseLong(
        m.group(2).length() > 18 ? m.group(2).substring(0, 18) : m.group(2))) : n;
  }

  @Override
  public BagFormat format() {
    return format;
  }

  @Override
  public String name() {
    return dir.toString();
  }

  /** Returns the storage files, in reading order. */
  List<Path> parts() {
    return parts;
  }

  @Override
  public BagInfo info() throws IOException {
    InfoBuilder b = new InfoBuilder();
    boolean indexed = true;
    long bytes = 0;
    for (Path p : parts) {
      try (BagReader r = BagReader.open(p)) {
        BagInfo i = r.info();
        b.add(i);
        indexed &= i.indexed();
        bytes += i.bytes();
      }
    }
    return b.build(dir.toString(), format, bytes, indexed);
  }

  @Override
  RawCursor raw(BagFilter filter) {
    return new RawCursor() {
      private int next;
      private BagReader reader;
      private RawCursor cursor;

      @Override
      public RawMessage next() throws IOException {
        while (true) {
          if (cursor != null) {
            RawMessage m = cursor.next();
            if (m != null) {
              return m;
            }
            close();
          }
          if (next == parts.size()) {
            return null;
          }
          reader = BagReader.open(parts.get(next++));
          cursor = reader.raw(filter);
        }
      }

      @Override
      public void close() throws IOException {
        try {
          if (cursor != null) {
            cursor.close();
          }
        } finally {
          cursor = null;
          if (reader != null) {
            reader.close();
          }
          reader = null;
        }
      }
    };
  }

  @Override
  public void close() {}
}
