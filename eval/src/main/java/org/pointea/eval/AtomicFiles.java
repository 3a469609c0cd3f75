package org.pointea.eval;

import java.awt.image.RenderedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;

/**
 * Writes files so that a reader never sees a half-written one: the bytes go to a temporary file in
 * the target's directory, are flushed to disk, and the temporary file is renamed over the target
 * (atomically where the file system can). If writing fails the target is left as it was and the
 * temporary file is removed.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes the content of a file to an output stream. */
  @FunctionalInterface
  public interface Writer {
    /**
     * Writes the content.
     *
     * @param out the stream; do not close it
     * @throws IOException when writing fails
     */
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes a file atomically.
   *
   * @param target the file to create or replace; its parent directories are created
   * @param writer writes the content
   * @return {@code target}
   * @throws IOException when the file cannot be written; the target is then unchanged
   */
  public static Path write(Path target, Writer writer) throws IOException {
    Objects.requireNonNull(writer, "writer");
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    Path tmp = null;
    try {
      FileChannel ch = null;
      // a fresh name in the target's directory; unlike Files.createTempFile this keeps the
      // umask's permissions (createTempFile makes owner-only files, which the rename would keep)
      while (ch == null) {
        tmp = dir.resolve("." + absolute.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
          ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
          ch = null;
        }
      }
      try (FileChannel open = ch) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(open), 1 << 16);
        writer.write(out);
        out.flush();
        open.force(true);
      }
      try {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } catch (IOException | RuntimeException | Error e) {
      try {
        if (tmp != null) {
          Files.deleteIfExists(tmp);
        }
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Writes a UTF-8 text file atomically.
   *
   * @param target the file
   * @param text the content
   * @return {@code target}
   * @throws IOException when the file cannot be written
   */
  public static Path writeString(Path target, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return write(target, out -> out.write(bytes));
  }

  /**
   * Writes an image as PNG atomically.
   *
   * @param target the file, conventionally ending in {@code .png}
   * @param image the image
   * @return {@code target}
   * @throws IOException when the file cannot be written
   */
  public static Path writePng(Path target, RenderedImage image) throws IOException {
    Objects.requireNonNull(image, "image");
    return write(
        target,
        out -> {
          if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer for this image type: " + target);
          }
        });
  }
}
