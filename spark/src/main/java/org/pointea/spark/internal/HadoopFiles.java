package org.pointea.spark.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/** Reads and writes whole files on any Hadoop file system (local, HDFS, S3A, ABFS, GCS...). */
public final class HadoopFiles {
  private HadoopFiles() {}

  /** Thrown when a file holds more bytes than the caller allows; nothing larger is allocated. */
  public static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(String file, long limit) {
      super(file + ": larger than the limit of " + limit + " bytes (optMaxFileBytes, --max-file-bytes)");
    }
  }

  /**
   * Reads a stream to its end, refusing more than {@code limit} bytes.
   *
   * @param in the stream (not closed)
   * @param name the file, for the message
   * @param limit most bytes accepted
   * @return the bytes
   * @throws IOException on a read error, or {@link TooLargeException} beyond the limit
   */
  public static byte[] readBounded(InputStream in, String name, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    long total = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > limit) {
        throw new TooLargeException(name, limit);
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /**
   * Writes bytes to {@code target} through a temporary sibling renamed into place, so readers
   * see no file or the whole file (on file systems where rename is atomic: HDFS, local; on object
   * stores the rename is a copy, and the temporary name is never read).
   *
   * @param target the file
   * @param conf the Hadoop configuration
   * @param writer writes the content
   * @throws IOException on a write error
   */
  public static void writeAtomically(String target, Configuration conf, ContentWriter writer)
      throws IOException {
    Path dest = new Path(URI.create(target));
    FileSystem fs = dest.getFileSystem(conf);
    if (fs instanceof LocalFileSystem local) {
      fs = local.getRawFileSystem();   // no .crc sidecar files next to what users read
    }
    Path tmp = new Path(dest.getParent(), "." + dest.getName() + "." + UUID.randomUUID() + ".tmp");
    boolean done = false;
    try {
      try (FSDataOutputStream out = fs.create(tmp, true)) {
        writer.write(out);
      }
      fs.delete(dest, false);
      if (!fs.rename(tmp, dest)) {
        throw new IOException("could not rename " + tmp + " to " + dest);
      }
      done = true;
    } finally {
      if (!done) {
        fs.delete(tmp, false);
      }
    }
  }

  /** Writes a file's content. */
  @FunctionalInterface
  public interface ContentWriter {
    /**
     * Writes the content.
     *
     * @param out the stream (closed by the caller)
     * @throws IOException on a write error
     */
    void write(OutputStream out) throws IOException;
  }
}
