package org.pointea.io.dataset.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.internal.AtomicOutput;
import org.pointea.pointcloud.Parallel;

/** File output shared by the synthetic writers: atomic text files, parallel loops, byte counts. */
final class Output {
  private Output() {}

  /** A loop body that may fail with an {@link IOException}. */
  @FunctionalInterface
  interface Item {
    void run(int i) throws IOException;
  }

  /** Writes a text file through a temporary sibling renamed into place. */
  static long text(Path file, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    try (AtomicOutput out = AtomicOutput.create(file)) {
      ByteBuffer buf = ByteBuffer.wrap(b);
      while (buf.hasRemaining()) {
        out.channel().write(buf);
      }
      out.commit();
    }
    return b.length;
  }

  /** Writes lines, each ended by a newline. */
  static long lines(Path file, List<String> lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    return text(file, sb.toString());
  }

  /** Returns the size of a file. */
  static long size(Path file) throws IOException {
    return Files.size(file);
  }

  /**
   * Runs {@code count} items on {@code threads} threads, reporting progress, and rethrows the first
   * {@link IOException}.
   */
  static void forEach(int count, int threads, String stage, DatasetProgress progress, Item item)
      throws IOException {
    AtomicInteger done = new AtomicInteger();
    int step = Math.max(1, count / 200);
    Object lock = new Object();
    progress.update(stage, 0, count);
    try {
      Parallel.forRange(count, threads, 1, (from, to) -> {
        for (int i = from; i < to; i++) {
          try {
            item.run(i);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          int d = done.incrementAndGet();
          if (d % step == 0 || d == count) {
            synchronized (lock) {
              progress.update(stage, d, count);
            }
          }
        }
      });
    } catch (RuntimeException e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof UncheckedIOException u) {
          throw u.getCause();
        }
      }
      throw e;
    }
  }

  /** A thread-safe byte counter. */
  static final class Bytes {
    private final AtomicLong total = new AtomicLong();

    void add(long n) {
      total.addAndGet(n);
    }

    long get() {
      return total.get();
    }
  }
}
