package org.pointea.io.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file through a temporary sibling that is renamed into place on {@link #commit()}, so a
 * reader never sees a half-written file and a failed write leaves the old file untouched.
 *
 * <pre>{@code
 * try (AtomicOutput out = AtomicOutput.create(path)) {
 *   ... write to out.channel() ...
 *   out.commit();
 * }
 * }</pre>
 */
public final class AtomicOutput implements Closeable {
  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private boolean committed;

  private AtomicOutput(Path target, Path temp, FileChannel channel) {
    this.target = target;
    this.temp = temp;
    this.channel = channel;
  }

  /**
   * Creates the temporary file next to {@code target}.
   *
   * @param target the file to write
   * @return the output
   * @throws IOException when the temporary file cannot be created
   */
  public static AtomicOutput create(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    if (Files.isDirectory(abs)) {
      throw new FileSystemException(target.toString(), null, "is a directory; give a file name");
    }
    Path dir = abs.getParent();
    String name = "." + abs.getFileName() + ".tmp-" + Long.toHexString(
        ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    Path temp = dir == null ? Path.of(name) : dir.resolve(name);
    try {
      if (dir != null) {
        Files.createDirectories(dir);
      }
      FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      return new AtomicOutput(abs, temp, ch);
    } catch (FileSystemException e) {
      throw aboutTarget(target, e);
    }
  }

  /**
   * Restates a failure on the hidden temporary file (or its folder) as one about the target, the
   * file the user named: {@code /ro/x.ply: cannot write here: permission denied (folder /ro)}.
   */
  static FileSystemException aboutTarget(Path target, FileSystemException e) {
    String reason = e instanceof AccessDeniedException ? "permission denied"
        : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    Path folder = target.toAbsolutePath().getParent();
    String where = folder == null ? "" : " (folder " + folder + ")";
    FileSystemException restated = e instanceof AccessDeniedException
        ? new AccessDeniedException(target.toString(), null, "cannot write here: " + reason + where)
        : new FileSystemException(target.toString(), null, "cannot write here: " + reason + where);
    restated.initCause(e);
    return restated;
  }

  /** Writes the whole file to a channel. */
  @FunctionalInterface
  public interface ChannelWriter {
    /**
     * Writes the content.
     *
     * @param channel the temporary file's channel
     * @throws IOException on a write error
     */
    void write(FileChannel channel) throws IOException;
  }

  /**
   * Writes {@code target} through a temporary sibling: creates it, lets {@code writer} fill it,
   * renames it into place. A write error that does not say which file it concerns (the JDK's
   * "No space left on device") is rethrown as a {@link FileSystemException} naming the target.
   *
   * @param target the file to write
   * @param writer writes the content
   * @throws IOException on a write error, naming the file
   */
  public static void write(Path target, ChannelWriter writer) throws IOException {
    try (AtomicOutput out = create(target)) {
      writer.write(out.channel);
      out.commit();
    } catch (IOException e) {
      throw naming(target, e);
    }
  }

  /**
   * Returns {@code e} when it already names a file or is a format error, else a
   * {@link FileSystemException} for {@code target} with {@code e}'s message as the reason.
   *
   * @param target the file being written
   * @param e the error
   * @return the exception to throw
   */
  public static IOException naming(Path target, IOException e) {
    if (e instanceof FileSystemException || e instanceof org.pointea.io.PointCloudFormatException) {
      return e;
    }
    FileSystemException named = new FileSystemException(target.toString(), null,
        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    named.initCause(e);
    return named;
  }

  /** Writes a file through a path (for libraries that want one). */
  @FunctionalInterface
  public interface PathWriter {
    /**
     * Writes the whole file.
     *
     * @param temp the temporary path to write
     * @throws IOException on a write error
     */
    void write(Path temp) throws IOException;
  }

  /**
   * Lets {@code writer} write a temporary sibling of {@code target} by path, then renames it onto
   * the target; the temporary file is removed when the writer fails.
   *
   * @param target the file to write
   * @param writer writes the temporary file
   * @throws IOException on a write error
   */
  public static void writeVia(Path target, PathWriter writer) throws IOException {
    try (AtomicOutput out = create(target)) {
      out.channel.close();
      Files.delete(out.temp);
      writer.write(out.temp);
      out.commit();
    } catch (IOException e) {
      throw naming(target, e);
    }
  }

  /** Returns the channel to write to. */
  public FileChannel channel() {
    return channel;
  }

  /**
   * Closes the temporary file and renames it onto the target.
   *
   * @throws IOException when the rename fails
   */
  public void commit() throws IOException {
    channel.close();
    try {
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (FileSystemException e) {
      throw aboutTarget(target, e);
    }
    committed = true;
  }

  @Override
  public void close() throws IOException {
    if (!committed) {
      channel.close();
      Files.deleteIfExists(temp);
    }
  }
}
