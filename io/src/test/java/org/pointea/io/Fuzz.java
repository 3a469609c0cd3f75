package org.pointea.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A seeded, structure-aware mutation fuzzer: mutates seed inputs (real files and generated ones),
 * feeds each mutant to a target, and classifies the outcome. Acceptable outcomes are a result or a
 * {@link PointCloudFormatException}; anything else (an unchecked exception, an error, more than
 * {@code allocationFactor x input + 32 MiB} allocated, or more than 10 s spent) is a finding,
 * saved under {@code target/fuzz-findings}.
 */
final class Fuzz {
  /** The code under test. */
  @FunctionalInterface
  interface Target {
    void run(byte[] input) throws IOException;
  }

  /** What one campaign found. */
  record Report(String name, long executions, long accepted, long rejected, List<String> findings,
      TreeMap<String, Long> rejections, long maxAllocated, double seconds) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%-8s %8d inputs  %6d read  %7d rejected  %d findings"
          + "  max alloc %.1f MiB  %.1f s", name, executions, accepted, rejected, findings.size(),
          maxAllocated / 1048576.0, seconds);
    }
  }

  private static final String[] NUMBERS = {"-1", "0", "1", "3", "65535", "65536", "2147483647",
      "2147483648", "4294967295", "4294967296", "-2147483648", "9223372036854775807",
      "99999999999999999999", "1e309", "nan", "-0", "1.5", "", "0x10"};
  private static final String[] WORDS = {"ascii", "binary", "binary_compressed",
      "binary_big_endian", "binary_little_endian", "float", "double", "uchar", "char", "int",
      "uint", "short", "ushort", "int64", "float16", "list", "element", "property", "end_header",
      "vertex", "face", "F", "U", "I", "x", "rgb", "rgba", "_", "DATA", "POINTS", "WIDTH",
      "HEIGHT", "COUNT", "SIZE", "TYPE", "FIELDS", "OFF", "COFF", "NOFF", "4OFF", "#", "\u00e9",
      "\r\n", "\n", "\t", "True", "False", "'<f8'", "'>i4'", "'|b1'", "'<u8'", "(", ")", ","};
  private static final int[] INTERESTING_INTS = {0, 1, -1, 0x7FFFFFFF, 0x80000000, 0xFFFF,
      0x10000, 0x7FFFFFF0, 0x40000000, 255, 256};

  private final String name;
  private final List<byte[]> seeds;
  private final Target target;
  private final long seed;
  private final int allocationFactor;

  Fuzz(String name, List<byte[]> seeds, Target target, long seed, int allocationFactor) {
    this.name = name;
    this.seeds = seeds;
    this.target = target;
    this.seed = seed;
    this.allocationFactor = allocationFactor;
  }

  Report run(int iterations) throws IOException {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    SplittableRandom rnd = new SplittableRandom(seed ^ name.hashCode());
    List<String> findings = new ArrayList<>();
    TreeMap<String, Long> rejections = new TreeMap<>();
    long accepted = 0;
    long rejected = 0;
    long maxAlloc = 0;
    Path dir = Path.of("target", "fuzz-findings");
    AtomicReference<byte[]> current = new AtomicReference<>();
    AtomicLong started = new AtomicLong();
    Thread watchdog = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          return;
        }
        long t = started.get();
        if (t != 0 && System.nanoTime() - t > 10_000_000_000L) {
          try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + "-hang.bin"), current.get());
          } catch (IOException ignored) {
            // best effort
          }
          started.set(0);
        }
      }
    }, "fuzz-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    long t0 = System.nanoTime();
    try {
      for (int it = 0; it < iterations; it++) {
        byte[] input = mutate(seeds.get(rnd.nextInt(seeds.size())), seeds, rnd);
        current.set(input);
        long a0 = mx.getCurrentThreadAllocatedBytes();
        long s0 = System.nanoTime();
        started.set(s0);
        Throwable bad = null;
        try {
          target.run(input);
          accepted++;
        } catch (PointCloudFormatException e) {
          rejected++;
          String key = e.detail().replaceAll("[0-9]+", "N");
          key = key.length() > 60 ? key.substring(0, 60) : key;
          rejections.merge(key, 1L, Long::sum);
        } catch (Throwable e) {
          bad = e;
        }
        long spent = System.nanoTime() - s0;
        started.set(0);
        long alloc = mx.getCurrentThreadAllocatedBytes() - a0;
        maxAlloc = Math.max(maxAlloc, alloc);
        String problem = null;
        if (bad != null) {
          problem = bad.getClass().getName() + ": " + bad.getMessage() + " at "
              + (bad.getStackTrace().length > 0 ? bad.getStackTrace()[0] : "?");
        } else if (alloc > (long) allocationFactor * input.length + (32L << 20)) {
          problem = "allocated " + alloc + " bytes for a " + input.length + "-byte input";
        } else if (spent > 10_000_000_000L) {
          problem = "took " + spent / 1_000_000 + " ms";
        }
        if (problem != null) {
          findings.add("#" + it + " " + problem);
          Files.createDirectories(dir);
          Files.write(dir.resolve(name + "-" + it + ".bin"), input);
          Files.writeString(dir.resolve(name + "-" + it + ".txt"), problem);
        }
      }
    } finally {
      watchdog.interrupt();
    }
    return new Report(name, iterations, accepted, rejected, findings, rejections, maxAlloc,
        (System.nanoTime() - t0) / 1e9);
  }

  private static byte[] mutate(byte[] seed, List<byte[]> seeds, SplittableRandom rnd) {
    byte[] b = seed;
    int rounds = 1 + rnd.nextInt(4);
    for (int r = 0; r < rounds; r++) {
      int kind = rnd.nextInt(14);
      b = kind < 10 ? mutateOnce(b, rnd) : auditMutation(kind, b, seeds, rnd);
    }
    return b;
  }

  private static byte[] mutateOnce(byte[] b, SplittableRandom rnd) {
    int n = b.length;
    switch (rnd.nextInt(10)) {
      case 0 -> { // flip bits
        if (n == 0) {
          return b;
        }
        byte[] c = b.clone();
        int k = 1 + rnd.nextInt(4);
        for (int i = 0; i < k; i++) {
          int p = biased(n, rnd);
          c[p] ^= (byte) (1 << rnd.nextInt(8));
        }
        return c;
      }
      case 1 -> { // interesting byte
        if (n == 0) {
          return b;
        }
        byte[] c = b.clone();
        byte[] vals = {0, (byte) 0xFF, 0x7F, (byte) 0x80, '\n', ' ', '-', '9', '#', '\r', '.'};
        c[biased(n, rnd)] = vals[rnd.nextInt(vals.length)];
        return c;
      }
      case 2 -> { // truncate
        return java.util.Arrays.copyOf(b, n == 0 ? 0 : rnd.nextInt(n));
      }
      case 3 -> { // delete a range
        if (n < 2) {
          return b;
        }
        int s = biased(n, rnd);
        int len = 1 + rnd.nextInt(Math.min(64, n - s));
        return concat(slice(b, 0, s), slice(b, s + len, n));
      }
      case 4 -> { // duplicate a range
        if (n < 2) {
          return b;
        }
        int s = biased(n, rnd);
        int len = 1 + rnd.nextInt(Math.min(256, n - s));
        int at = biased(n, rnd);
        return concat(slice(b, 0, at), slice(b, s, s + len), slice(b, at, n));
      }
      case 5 -> { // random bytes inserted
        int at = n == 0 ? 0 : biased(n, rnd);
        byte[] ins = new byte[1 + rnd.nextInt(16)];
        for (int i = 0; i < ins.length; i++) {
          ins[i] = (byte) rnd.nextInt(256);
        }
        return concat(slice(b, 0, at), ins, slice(b, at, n));
      }
      case 6, 7 -> { // replace an ASCII number near the start
        int limit = Math.min(n, 2048);
        List<int[]> runs = new ArrayList<>();
        for (int i = 0; i < limit; ) {
          if (b[i] >= '0' && b[i] <= '9') {
            int s = i;
            while (i < limit && ((b[i] >= '0' && b[i] <= '9') || b[i] == '.')) {
              i++;
            }
            runs.add(new int[] {s, i});
          } else {
            i++;
          }
        }
        if (runs.isEmpty()) {
          return b;
        }
        int[] run = runs.get(rnd.nextInt(runs.size()));
        byte[] num = NUMBERS[rnd.nextInt(NUMBERS.length)].getBytes(StandardCharsets.UTF_8);
        return concat(slice(b, 0, run[0]), num, slice(b, run[1], n));
      }
      case 8 -> { // replace a word near the start
        int limit = Math.min(n, 2048);
        List<int[]> words = new ArrayList<>();
        for (int i = 0; i < limit; ) {
          if (Character.isLetterOrDigit(b[i]) || b[i] == '_') {
            int s = i;
            while (i < limit && (Character.isLetterOrDigit(b[i]) || b[i] == '_')) {
              i++;
            }
            words.add(new int[] {s, i});
          } else {
            i++;
          }
        }
        if (words.isEmpty()) {
          return b;
        }
        int[] w = words.get(rnd.nextInt(words.size()));
        byte[] word = WORDS[rnd.nextInt(WORDS.length)].getBytes(StandardCharsets.UTF_8);
        return concat(slice(b, 0, w[0]), word, slice(b, w[1], n));
      }
      default -> { // overwrite a 4-byte integer (sizes in binary headers)
        if (n < 4) {
          return b;
        }
        byte[] c = b.clone();
        int p = biased(n - 3, rnd);
        int v = rnd.nextBoolean() ? INTERESTING_INTS[rnd.nextInt(INTERESTING_INTS.length)]
            : rnd.nextInt();
        boolean le = rnd.nextBoolean();
        for (int i = 0; i < 4; i++) {
          c[p + i] = (byte) (le ? v >>> (8 * i) : v >>> (8 * (3 - i)));
        }
        return c;
      }
    }
  }

  /**
   * The mutation kinds of issue 12's audit: header number edits (huge, negative, zero,
   * overflowing), token swaps, splicing two seeds, and line-ending rewrites.
   */
  static byte[] auditMutation(int kind, byte[] b, List<byte[]> seeds, SplittableRandom rnd) {
    int n = b.length;
    switch (kind) {
      case 10 -> { // edit a header number: derived from its value, around the overflow points
        List<int[]> runs = tokens(b, Math.min(n, 2048), true);
        if (runs.isEmpty()) {
          return b;
        }
        int[] run = runs.get(rnd.nextInt(runs.size()));
        long v;
        try {
          v = Long.parseLong(new String(b, run[0], run[1] - run[0], StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
          v = 1;
        }
        long[] edits = {0, -v, -1, v * 1024, v << 20, (1L << 31) - 1 - v, 1L << 31,
            (1L << 32) + v, (1L << 32) - 1, 1L << 29, 715827883, 536870912, Long.MAX_VALUE,
            Long.MIN_VALUE, v + 1, Math.max(0, v - 1)};
        String rep = rnd.nextInt(8) == 0 ? "99999999999999999999999"
            : Long.toString(edits[rnd.nextInt(edits.length)]);
        return concat(slice(b, 0, run[0]), rep.getBytes(StandardCharsets.US_ASCII),
            slice(b, run[1], n));
      }
      case 11 -> { // swap two tokens of the first 2 KiB (field names, types, counts)
        List<int[]> words = tokens(b, Math.min(n, 2048), false);
        if (words.size() < 2) {
          return b;
        }
        int[] x = words.get(rnd.nextInt(words.size()));
        int[] y = words.get(rnd.nextInt(words.size()));
        if (x[0] == y[0]) {
          return b;
        }
        int[] a = x[0] < y[0] ? x : y;
        int[] c = x[0] < y[0] ? y : x;
        return concat(slice(b, 0, a[0]), slice(b, c[0], c[1]), slice(b, a[1], c[0]),
            slice(b, a[0], a[1]), slice(b, c[1], n));
      }
      case 12 -> { // splice: the start of this input, the rest of another seed
        byte[] other = seeds.get(rnd.nextInt(seeds.size()));
        int cut = n == 0 ? 0 : rnd.nextInt(n + 1);
        int from = other.length == 0 ? 0 : rnd.nextInt(other.length + 1);
        return concat(slice(b, 0, cut), slice(other, from, other.length));
      }
      default -> { // line endings: LF -> CRLF, LF -> CR, CRLF -> LF, or CR -> LF
        String[][] rewrites = {{"\n", "\r\n"}, {"\n", "\r"}, {"\r\n", "\n"}, {"\r", "\n"}};
        String[] r = rewrites[rnd.nextInt(rewrites.length)];
        String text = new String(b, StandardCharsets.ISO_8859_1);
        if (rnd.nextBoolean()) {
          return text.replace(r[0], r[1]).getBytes(StandardCharsets.ISO_8859_1);
        }
        int at = text.indexOf(r[0], rnd.nextInt(n + 1));
        if (at < 0) {
          return b;
        }
        return (text.substring(0, at) + r[1] + text.substring(at + r[0].length()))
            .getBytes(StandardCharsets.ISO_8859_1);
      }
    }
  }

  /** Runs of digits ({@code digits}) or of letters, digits and underscores in {@code b[0, limit)}. */
  private static List<int[]> tokens(byte[] b, int limit, boolean digits) {
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < limit; ) {
      if (digits ? isDigit(b[i]) : isWordByte(b[i])) {
        int s = i;
        while (i < limit && (digits ? isDigit(b[i]) : isWordByte(b[i]))) {
          i++;
        }
        out.add(new int[] {s, i});
      } else {
        i++;
      }
    }
    return out;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordByte(byte c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  /** Half the mutations land in the first 512 bytes, where headers are. */
  private static int biased(int n, SplittableRandom rnd) {
    return rnd.nextBoolean() ? rnd.nextInt(Math.min(n, 512)) : rnd.nextInt(n);
  }

  private static byte[] slice(byte[] b, int s, int e) {
    return java.util.Arrays.copyOfRange(b, s, e);
  }

  private static byte[] concat(byte[]... parts) {
    int len = 0;
    for (byte[] p : parts) {
      len += p.length;
    }
    byte[] out = new byte[len];
    int o = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }

  /** Collects what a writer writes to a channel. */
  interface ChannelWriter {
    void write(WritableByteChannel ch) throws IOException;
  }

  static byte[] bytesOf(ChannelWriter w) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (WritableByteChannel ch = Channels.newChannel(out)) {
      w.write(ch);
    }
    return out.toByteArray();
  }
}
