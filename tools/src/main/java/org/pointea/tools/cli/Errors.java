package org.pointea.tools.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.pointea.io.Printable;
import org.pointea.io.dataset.DatasetNotFoundException;

/**
 * Turns whatever a command throws into the exit code and the one-line message every
 * {@code pointea} command prints on stderr: user errors (a {@link UserException}, a malformed
 * file, a missing or unreadable file: exit {@value ExitCodes#USER_ERROR}) say what and which file
 * without a stack trace; anything else is an internal error (exit
 * {@value ExitCodes#INTERNAL_ERROR}). {@code --verbose} adds the stack trace in both cases. The
 * exceptions to "one line": a {@link DatasetNotFoundException} is printed in full, since its
 * lines say which archive to get and where to unpack it, and so is a GPU refusal of the CUDA build
 * (exit {@value ExitCodes#INTERNAL_ERROR}, no stack trace), since it says what was found and how to
 * fall back to the CPU.
 *
 * <pre>{@code
 * int code = Errors.report("pointea info", exception, err, verbose);
 * // pointea info: scan.pcd: line 14, byte 402: expected 4 values, got 3
 * }</pre>
 */
public final class Errors {
  private Errors() {}

  /**
   * Prints the one-line message (and, when verbose, the stack trace) and returns the exit code.
   *
   * @param command the qualified command name, e.g. {@code pointea info}
   * @param error what the command threw
   * @param err where to print
   * @param verbose whether to print the stack trace
   * @return {@link ExitCodes#USER_ERROR} or {@link ExitCodes#INTERNAL_ERROR}
   */
  public static int report(String command, Throwable error, PrintWriter err, boolean verbose) {
    Throwable e = unwrap(error);
    String gpu = gpuRefusal(error);
    if (gpu != null) {
      // the CUDA build on a GPU or driver it cannot run: an environment failure, explained in full
      err.println(command + ": " + gpu);
      if (verbose) {
        error.printStackTrace(err);
      }
      err.flush();
      return ExitCodes.INTERNAL_ERROR;
    }
    int code = isUserError(e) ? ExitCodes.USER_ERROR : ExitCodes.INTERNAL_ERROR;
    String line = command + ": " + (code == ExitCodes.USER_ERROR
        ? (e instanceof DatasetNotFoundException d ? datasetLine(command, d) : message(e))
        : internal(e));
    err.println(line);
    if (verbose) {
      error.printStackTrace(err);
    } else if (code == ExitCodes.INTERNAL_ERROR) {
      err.println(command + ": this is a bug or an environment problem; re-run with --verbose for"
          + " the stack trace");
    }
    err.flush();
    return code;
  }

  /**
   * Returns the message of a CUDA-support refusal ({@code CudaSupport.UnsupportedGpuException},
   * possibly wrapped, e.g. in the {@code ExceptionInInitializerError} of a model class) in the cause
   * chain of {@code error}, or null. Matched by class name, so that reporting an error loads nothing
   * from the models module.
   *
   * @param error what a command threw
   * @return the refusal's message, or null
   */
  public static String gpuRefusal(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t.getClass().getName().equals("org.pointea.models.engine.CudaSupport$UnsupportedGpuException")) {
        return t.getMessage();
      }
    }
    return null;
  }

  /**
   * Returns true when the error is the user's to fix: a {@link UserException} or any
   * {@link IOException} (a malformed, missing, unreadable or unwritable file).
   *
   * @param e the error, unwrapped
   * @return whether it maps to exit code 1
   */
  public static boolean isUserError(Throwable e) {
    return e instanceof UserException || e instanceof IOException;
  }

  /**
   * Returns the one-line form of a missing or incomplete dataset: what is missing, and the
   * command that prints the archives to get and where ({@code pointea dataset prepare DIR}).
   *
   * @param command the command that failed, e.g. {@code pointea train}
   * @param e the error
   * @return the line, without the command prefix
   */
  static String datasetLine(String command, DatasetNotFoundException e) {
    String s = e.summary();
    if (s.endsWith(".") || s.endsWith(":")) {
      s = s.substring(0, s.length() - 1);
    }
    if (command.endsWith("dataset prepare")) {
      return s + " (the archives that would do, and where to get them, are listed above)";
    }
    return s + "; `pointea dataset prepare " + e.root() + "` says which archive to get, where to"
        + " find it and how to unpack it (pointea never downloads datasets)";
  }

  /**
   * Returns the one-line description of a user error, naming the file where one is known.
   *
   * @param e the error
   * @return the message, without the command prefix
   */
  public static String message(Throwable e) {
    if (e instanceof NoSuchFileException f) {
      return oneLine(f.getFile() + ": "
          + (f.getReason() != null ? f.getReason() : "no such file or directory"));
    }
    if (e instanceof AccessDeniedException f) {
      return oneLine(f.getFile() + ": "
          + (f.getReason() != null ? f.getReason() : "permission denied"));
    }
    if (e instanceof NotDirectoryException f) {
      return oneLine(f.getFile() + ": not a directory");
    }
    if (e instanceof FileAlreadyExistsException f) {
      return oneLine(f.getFile() + ": already exists");
    }
    if (e instanceof DirectoryNotEmptyException f) {
      return oneLine(f.getFile() + ": directory not empty");
    }
    if (e instanceof FileSystemException f) {
      // e.g. "No space left on device", "Is a directory", "Read-only file system"
      String reason = f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
      return oneLine((f.getFile() != null ? f.getFile() + ": " : "") + reason);
    }
    if (e instanceof FileNotFoundException) {
      return oneLine(e.getMessage());
    }
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    if (e instanceof UserException) {
      // our own message: its first line is the summary (a dataset refusal goes on at length)
      int nl = m.indexOf('\n');
      return oneLine(nl < 0 ? m : m.substring(0, nl));
    }
    return oneLine(m);
  }

  private static String internal(Throwable e) {
    if (e instanceof OutOfMemoryError) {
      return "out of memory (" + oneLine(String.valueOf(e.getMessage())) + "); give Java more heap,"
          + " e.g. POINTEA_JAVA_OPTS=-Xmx8g";
    }
    return "internal error: " + e.getClass().getName()
        + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage()));
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t instanceof UncheckedIOException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * Makes a message one printable line: line breaks and control characters (from a library's
   * message or a file's bytes) are escaped, not cut, so nothing the message says is lost.
   */
  private static String oneLine(String m) {
    return Printable.escape(m.strip());
  }
}
