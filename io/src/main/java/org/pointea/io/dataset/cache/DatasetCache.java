package org.pointea.io.dataset.cache;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;
import org.pointea.io.internal.AtomicOutput;

/**
 * Reads and writes a split's {@link ShapeArrays} as one binary file, and builds it at most once
 * across threads and processes.
 *
 * <p>File layout, little-endian: the magic {@code PTEACACH}, an int32 format version, an int32
 * header length and the header (UTF-8 JSON: the parameter text and its hash, the source
 * fingerprint, sizes, class names and shape ids; no time stamp, so that the file is a function of
 * its key and arrays alone, whichever machine or cluster built it); then {@code int32 labels[S]},
 * {@code float32 xyz[S*N*3]}, {@code float32 normals[S*N*3]} (if any) and {@code uint8 parts[S*N]}
 * (if any); then the CRC-32C of everything after the version field up to here, as an int64, and
 * the magic {@code PTEA-END}. A file is used only when its version, parameter hash and source
 * fingerprint match and its length and checksum are right; otherwise it is rebuilt. Sizes are
 * checked against the file length before anything is allocated.
 *
 * <p>{@link #loadOrBuild} takes an exclusive lock ({@code <file>.lock}, through
 * {@link FileChannel#lock()} between processes and a {@link ReentrantLock} between threads of
 * one JVM), checks again for a valid file once it holds it, and only then builds; the result is
 * written to a temporary sibling and renamed into place, so a reader sees either no file or a
 * complete one, and a process killed mid-build leaves the old file (or none) behind.
 */
public final class DatasetCache {
  /** The format version; files of other versions are rebuilt. */
  public static final int VERSION = 1;

  private static final byte[] MAGIC = "PTEACACH".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "PTEA-END".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_HEADER = 256 << 20;
  private static final int CHUNK = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private DatasetCache() {}

  /**
   * What a cache file must match.
   *
   * @param params the parameters that shape the samples, as readable text (layout, split,
   *     points, sampling, seed, the pre-transform's {@code toString()}, ...)
   * @param sources the fingerprint of the source files
   * @param sourceFiles how many source files were fingerprinted (informational)
   */
  public record Key(String params, String sources, int sourceFiles) {
    /** Validates the fields. */
    public Key {
      Objects.requireNonNull(params, "params");
      Objects.requireNonNull(sources, "sources");
    }

    /** Returns the SHA-256 of the parameter text. */
    public String paramsHash() {
      return Fingerprint.ofText(params);
    }
  }

  /** How {@link #loadOrBuild} obtained the arrays. */
  public enum Status {
    /** A valid cache file was read. */
    LOADED,
    /** The arrays were built (and written, when a file was given). */
    BUILT
  }

  /**
   * The outcome of {@link #loadOrBuild}.
   *
   * @param data the arrays
   * @param status loaded or built
   * @param reason why it was built (no file, sources changed, damaged file...), or "valid"
   */
  public record Result(ShapeArrays data, Status status, String reason) {}

  /** Builds the arrays when no valid cache exists. */
  @FunctionalInterface
  public interface Builder {
    /**
     * Builds the arrays.
     *
     * @return the arrays, every shape stored
     * @throws IOException when a source file cannot be read
     */
    ShapeArrays build() throws IOException;
  }

  /** The header stored in the file. */
  record Header(int version, String params, String paramsHash, String sources, int sourceFiles,
      int shapes, int points, boolean normals, boolean parts, List<String> classNames,
      List<String> ids) {}

  /**
   * Returns the arrays of a valid cache file, or builds, writes and returns them.
   *
   * @param file the cache file
   * @param key what the file must match
   * @param builder builds the arrays when needed
   * @return the arrays and how they were obtained
   * @throws IOException when building fails or the file cannot be written
   */
  public static Result loadOrBuild(Path file, Key key, Builder builder) throws IOException {
    Path abs = file.toAbsolutePath().normalize();
    Probe first = probe(abs, key);
    if (first.data != null) {
      return new Result(first.data, Status.LOADED, "valid");
    }
    Files.createDirectories(abs.getParent());
    Path lockFile = abs.resolveSibling(abs.getFileName() + ".lock");
    ReentrantLock local = LOCKS.computeIfAbsent(lockFile, p -> new ReentrantLock());
    local.lock();
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
        FileLock ignored = ch.lock()) {
      Probe again = probe(abs, key);
      if (again.data != null) {
        return new Result(again.data, Status.LOADED, "built meanwhile by another process");
      }
      ShapeArrays data = builder.build();
      data.checkComplete();
      write(abs, key, data);
      return new Result(data, Status.BUILT, again.reason);
    } finally {
      local.unlock();
    }
  }

  /**
   * Reads a cache file if it is valid for {@code key}.
   *
   * @param file the file
   * @param key what it must match
   * @return the arrays, or null when the file is absent, stale or damaged
   * @throws IOException on a read error other than a missing file
   */
  public static ShapeArrays readIfValid(Path file, Key key) throws IOException {
    return probe(file, key).data;
  }

  private record Probe(ShapeArrays data, String reason) {}

  private static Probe probe(Path file, Key key) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return read(ch, key);
    } catch (NoSuchFileException e) {
      return new Probe(null, "no cache file yet");
    }
  }

  private static Probe read(FileChannel ch, Key key) throws IOException {
    long size = ch.size();
    ByteBuffer head = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    if (size < 16 + 16 || readFully(ch, head, 0) < 16) {
      return new Probe(null, "damaged cache file (too short)");
    }
    head.flip();
    byte[] magic = new byte[8];
    head.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      return new Probe(null, "not a pointea cache file");
    }
    int version = head.getInt();
    int headerLength = head.getInt();
    if (version != VERSION) {
      return new Probe(null, "cache format version " + version + ", expected " + VERSION);
    }
    if (headerLength <= 0 || headerLength > MAX_HEADER || 16L + headerLength + 16 > size) {
      return new Probe(null, "damaged cache file (bad header length)");
    }
    ByteBuffer hb = ByteBuffer.allocate(headerLength);
    if (readFully(ch, hb, 16) < headerLength) {
      return new Probe(null, "damaged cache file (truncated header)");
    }
    Header h;
    try {
      h = JSON.readValue(hb.array(), Header.class);
    } catch (IOException e) {
      return new Probe(null, "damaged cache file (unreadable header)");
    }
    if (!key.paramsHash().equals(h.paramsHash()) || !key.params().equals(h.params())) {
      return new Probe(null, "the parameters changed");
    }
    if (!key.sources().equals(h.sources())) {
      return new Probe(null, "the source files changed");
    }
    long s = h.shapes();
    long n = h.points();
    if (s < 0 || n <= 0 || h.ids() == null || h.ids().size() != s || h.classNames() == null) {
      return new Probe(null, "damaged cache file (bad sizes)");
    }
    long values = 3 * s * n;
    long body = 4 * s + 4 * values + (h.normals() ? 4 * values : 0) + (h.parts() ? s * n : 0);
    if (values > ShapeArrays.MAX_VALUES || 16L + headerLength + body + 16 != size) {
      return new Probe(null, "damaged cache file (length does not match its header)");
    }
    CRC32C crc = new CRC32C();
    crc.update(hb.array(), 0, headerLength);
    ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    Reader r = new Reader(ch, buf, crc, 16L + headerLength);
    int[] labels = new int[(int) s];
    r.ints(labels);
    float[] xyz = new float[(int) values];
    r.floats(xyz);
    float[] normals = null;
    if (h.normals()) {
      normals = new float[(int) values];
      r.floats(normals);
    }
    byte[] parts = null;
    if (h.parts()) {
      parts = new byte[(int) (s * n)];
      r.bytes(parts);
    }
    ByteBuffer tail = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    if (readFully(ch, tail, r.position) < 16) {
      return new Probe(null, "damaged cache file (truncated)");
    }
    tail.flip();
    long stored = tail.getLong();
    byte[] end = new byte[8];
    tail.get(end);
    if (stored != crc.getValue() || !Arrays.equals(end, END)) {
      return new Probe(null, "damaged cache file (checksum mismatch)");
    }
    return new Probe(new ShapeArrays((int) s, (int) n, xyz, normals, parts, labels,
        h.ids().toArray(new String[0]), h.classNames()), "valid");
  }

  /**
   * Writes the arrays to {@code file} atomically (temporary sibling, then rename).
   *
   * @param file the cache file
   * @param key the key stored with them
   * @param data the arrays
   * @throws IOException on a write error
   */
  public static void write(Path file, Key key, ShapeArrays data) throws IOException {
    Header h = new Header(VERSION, key.params(), key.paramsHash(), key.sources(),
        key.sourceFiles(), data.shapes(), data.points(), data.hasNormals(), data.hasParts(),
        data.classNames(), Arrays.asList(data.idsArray()));
    byte[] header = JSON.writeValueAsBytes(h);
    try (AtomicOutput out = AtomicOutput.create(file)) {
      FileChannel ch = out.channel();
      ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
      CRC32C crc = new CRC32C();
      Writer w = new Writer(ch, buf, crc);
      w.raw(MAGIC);
      buf.putInt(VERSION).putInt(header.length);
      w.flush();
      w.checked = true;
      w.bytes(header);
      w.ints(data.labelsArray());
      w.floats(data.xyz());
      if (data.hasNormals()) {
        w.floats(data.normalsArray());
      }
      if (data.hasParts()) {
        w.bytes(data.partsArray());
      }
      w.flush();
      w.checked = false;
      buf.putLong(crc.getValue());
      w.raw(END);
      w.flush();
      ch.force(false);
      out.commit();
    }
  }

  private static int readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
    int total = 0;
    while (b.hasRemaining()) {
      int n = ch.read(b, at + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  /** Sequential chunked reader that checksums what it reads. */
  private static final class Reader {
    private final FileChannel ch;
    private final ByteBuffer buf;
    private final CRC32C crc;
    private long position;

    Reader(FileChannel ch, ByteBuffer buf, CRC32C crc, long position) {
      this.ch = ch;
      this.buf = buf;
      this.crc = crc;
      this.position = position;
    }

    private int fill(int bytes) throws IOException {
      buf.clear();
      buf.limit(Math.min(bytes, buf.capacity()));
      int n = readFully(ch, buf, position);
      if (n < buf.limit()) {
        throw new IOException("cache file shrank while being read");
      }
      position += n;
      buf.flip();
      crc.update(buf);
      buf.rewind();
      return n;
    }

    void ints(int[] a) throws IOException {
      int done = 0;
      while (done < a.length) {
        int n = fill((a.length - done) * 4) / 4;
        buf.asIntBuffer().get(a, done, n);
        done += n;
      }
    }

    void floats(float[] a) throws IOException {
      int done = 0;
      while (done < a.length) {
        int n = fill((a.length - done) * 4) / 4;
        buf.asFloatBuffer().get(a, done, n);
        done += n;
      }
    }

    void bytes(byte[] a) throws IOException {
      int done = 0;
      while (done < a.length) {
        int n = fill(a.length - done);
        buf.get(a, done, n);
        done += n;
      }
    }
  }

  /** Sequential chunked writer; checksums what it writes while {@code checked}. */
  private static final class Writer {
    private final FileChannel ch;
    private final ByteBuffer buf;
    private final CRC32C crc;
    boolean checked;

    Writer(FileChannel ch, ByteBuffer buf, CRC32C crc) {
      this.ch = ch;
      this.buf = buf;
      this.crc = crc;
    }

    void flush() throws IOException {
      buf.flip();
      if (checked) {
        crc.update(buf);
        buf.rewind();
      }
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      buf.clear();
    }

    void raw(byte[] b) throws IOException {
      if (buf.remaining() < b.length) {
        flush();
      }
      buf.put(b);
    }

    void bytes(byte[] a) throws IOException {
      int done = 0;
      while (done < a.length) {
        if (!buf.hasRemaining()) {
          flush();
        }
        int n = Math.min(buf.remaining(), a.length - done);
        buf.put(a, done, n);
        done += n;
      }
    }

    void ints(int[] a) throws IOException {
      int done = 0;
      while (done < a.length) {
        if (buf.remaining() < 4) {
          flush();
        }
        int n = Math.min(buf.remaining() / 4, a.length - done);
        buf.asIntBuffer().put(a, done, n);
        buf.position(buf.position() + 4 * n);
        done += n;
      }
    }

    void floats(float[] a) throws IOException {
      int done = 0;
      while (done < a.length) {
        if (buf.remaining() < 4) {
          flush();
        }
        int n = Math.min(buf.remaining() / 4, a.length - done);
        buf.asFloatBuffer().put(a, done, n);
        buf.position(buf.position() + 4 * n);
        done += n;
      }
    }
  }
}
