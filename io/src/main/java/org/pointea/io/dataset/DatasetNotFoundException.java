package org.pointea.io.dataset;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset folder is missing, holds no known layout, or lacks files its layout needs. The
 * message says which files are missing, which archive holds them, where to get it and where to
 * unpack it: pointea never downloads datasets.
 */
public class DatasetNotFoundException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path root;
  private final transient List<Path> missing;

  /**
   * Creates the exception.
   *
   * @param message the full explanation
   * @param root the folder that was given
   * @param missing the files found missing (may be empty when no layout was recognised)
   */
  public DatasetNotFoundException(String message, Path root, List<Path> missing) {
    super(message);
    this.root = root;
    this.missing = List.copyOf(missing);
  }

  /**
   * Returns the first line of the message: what is missing, where. The rest of the message (the
   * archives that would do, where to get them and what they hold) is the guide that
   * {@code pointea dataset prepare} prints.
   *
   * @return one line
   */
  public String summary() {
    String m = getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** Returns the folder that was given. */
  public Path root() {
    return root;
  }

  /** Returns the missing files that were identified (at most a few). */
  public List<Path> missing() {
    return missing;
  }

  /**
   * Builds the exception for a folder that is missing or holds no layout of the wanted task: it
   * lists what the folder holds and every archive that would do, with its URL, the folder it
   * unpacks to and the files expected there.
   *
   * @param dir the folder given
   * @param task the task wanted, or null for any
   * @param what what was looked for, e.g. {@code "ModelNet"}
   * @return the exception
   */
  public static DatasetNotFoundException noDataset(Path dir, Task task, String what) {
    StringBuilder sb = new StringBuilder("No ").append(what).append(" dataset at ").append(dir);
    if (!Files.exists(dir)) {
      sb.append(": the folder does not exist.");
    } else if (!Files.isDirectory(dir)) {
      sb.append(": it is a file, not a folder.");
    } else {
      sb.append(": it holds no layout pointea knows");
      List<String> found = listing(dir, 12);
      sb.append(found.isEmpty() ? " (it is empty)." : " (found: " + String.join(", ", found) + ").");
    }
    sb.append("\npointea never downloads datasets. Get one of these archives and unpack it so that")
        .append(" the folder you pass (or a folder inside it) is the archive's folder:");
    for (DatasetLayout l : DatasetLayout.values()) {
      if (task == null || l.task() == task) {
        appendLayout(sb, l);
      }
    }
    return new DatasetNotFoundException(sb.toString(), dir, List.of(dir));
  }

  /**
   * Builds the exception for a recognised but incomplete folder.
   *
   * @param layout the layout found
   * @param root its folder
   * @param problems one line per missing file, with where it was referenced (a few)
   * @param missing the missing files (a few)
   * @param total how many files are missing in all
   * @return the exception
   */
  public static DatasetNotFoundException incomplete(
      DatasetLayout layout, Path root, List<String> problems, List<Path> missing, int total) {
    StringBuilder sb =
        new StringBuilder(layout.title()).append(" at ").append(root).append(" is incomplete: ");
    sb.append(total == 1 ? "1 file is missing" : total + " files are missing");
    sb.append(total > problems.size() ? ", e.g.:" : ":");
    for (String p : problems) {
      sb.append("\n  ").append(p);
    }
    sb.append("\nUnpack the archive again (pointea never downloads datasets):");
    appendLayout(sb, layout);
    return new DatasetNotFoundException(sb.toString(), root, missing);
  }

  private static void appendLayout(StringBuilder sb, DatasetLayout l) {
    if (l.archives().isEmpty()) {
      sb.append("\n  ").append(l.title()).append(" holds:");
      for (String e : l.expectedFiles()) {
        sb.append("\n    ").append(e);
      }
    }
    for (DatasetLayout.Archive a : l.archives()) {
      sb.append("\n  * ").append(a.fileName()).append(" (").append(a.note()).append(")")
          .append("\n      ").append(a.url());
      for (String alt : a.alternatives()) {
        sb.append("\n      ").append(alt);
      }
      sb
          .append("\n      unpacks to ").append(a.folder()).append("/ holding:");
      for (String e : l.expectedFiles()) {
        sb.append("\n        ").append(e);
      }
    }
  }

  private static List<String> listing(Path dir, int max) {
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        if (out.size() == 10_000) {
          break;
        }
        out.add(p.getFileName() + (Files.isDirectory(p) ? "/" : ""));
      }
    } catch (IOException e) {
      return List.of("<cannot list: " + e.getMessage() + ">");
    }
    out.sort(null);
    if (out.size() > max) {
      out = new ArrayList<>(out.subList(0, max));
      out.add("...");
    }
    return out;
  }
}
