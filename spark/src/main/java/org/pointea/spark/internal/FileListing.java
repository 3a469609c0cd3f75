package org.pointea.spark.internal;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Lists the files a path names on any Hadoop file system: a file, the files of a folder (not
 * recursive), or the matches of a glob (folders among them listed one level), skipping hidden
 * names ({@code .x}, {@code _x}) as Hadoop's input formats do; sorted by path.
 *
 * <p>Only names and lengths are read. Spark's {@code binaryFiles} also reads every file's
 * permissions, which on the local file system forks a {@code stat} process per file (about 0.3 s
 * each on a loaded machine: 80 s for 256 files before the first task started).
 */
public final class FileListing {
  private FileListing() {}

  /**
   * A listed file.
   *
   * @param path its fully qualified URI
   * @param length its length in bytes
   */
  public record Entry(String path, long length) implements Serializable {}

  /**
   * Lists the files.
   *
   * @param path a file, folder or glob
   * @param conf the Hadoop configuration
   * @return the files, sorted by path
   * @throws IOException when the path matches nothing or cannot be listed
   */
  public static List<Entry> list(String path, Configuration conf) throws IOException {
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(conf);
    FileStatus[] matches = fs.globStatus(p);
    if (matches == null || matches.length == 0) {
      throw new IOException(path + ": no such file or folder (or the glob matches nothing)");
    }
    List<Entry> out = new ArrayList<>();
    for (FileStatus m : matches) {
      if (m.isDirectory()) {
        for (FileStatus f : fs.listStatus(m.getPath())) {
          if (f.isFile() && !hidden(f.getPath())) {
            out.add(new Entry(f.getPath().toString(), f.getLen()));
          }
        }
      } else if (!hidden(m.getPath())) {
        out.add(new Entry(m.getPath().toString(), m.getLen()));
      }
    }
    out.sort(Comparator.comparing(Entry::path));
    return out;
  }

  private static boolean hidden(Path p) {
    String n = p.getName();
    return n.startsWith(".") || n.startsWith("_");
  }
}
