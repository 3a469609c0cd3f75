/*
 * Build step of tools/target/pointea.jar (run by exec-maven-plugin after the shade plugin; not
 * shipped). Copies the shaded jar and the entries of the native-library jars into one jar, moving
 * every entry's compressed bytes as they are: nothing is inflated or deflated again.
 *
 * Why: the shade plugin re-deflates every entry it copies, and the oneDNN build of ND4J's natives
 * is one 374 MB .so; deflating it again took about 33 of the 42 seconds of `mvn package` on the
 * 2-core development machine. The shade plugin now leaves the native jars out and this step adds
 * them back, raw, in about a second.
 *
 * Usage (java source launcher, with commons-compress on the class path):
 *   java -cp <runtime classpath> tools/src/build/MergeJars.java BASE.jar OUT.jar GLOB...
 * Each GLOB (e.g. nd4j-native-*-linux-x86_64-onednn.jar) must match exactly one jar of the class
 * path. Entries already in BASE win; manifests, signatures and module-info classes of the added
 * jars are skipped, as the shade configuration skips them. OUT is written to a temporary file
 * and renamed into place.
 */

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

public final class MergeJars {
  private MergeJars() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: MergeJars BASE.jar OUT.jar GLOB...");
      System.exit(2);
    }
    long start = System.nanoTime();
    Path base = Path.of(args[0]);
    Path out = Path.of(args[1]);
    List<Path> added = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      added.add(find(args[i]));
    }
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    Set<String> seen = new HashSet<>();
    long entries = 0;
    try (ZipArchiveOutputStream zos = new ZipArchiveOutputStream(tmp.toFile())) {
      entries += copy(base, zos, seen, false);
      for (Path jar : added) {
        entries += copy(jar, zos, seen, true);
      }
    }
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    if (System.getenv("POINTEA_BUILD_VERBOSE") == null) {
      return; // quiet by default: `mvn -q` prints nothing on success (POINTEA_BUILD_VERBOSE=1 for the summary)
    }
    System.out.printf("MergeJars: %s + %s -> %s (%d entries, %d MB) in %.1f s%n",
        base.getFileName(), added.stream().map(p -> p.getFileName().toString()).toList(),
        out, entries, Files.size(out) >> 20, (System.nanoTime() - start) / 1e9);
  }

  /** The one class-path jar whose file name matches the glob. */
  private static Path find(String glob) {
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    List<Path> hits = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Path.of(e);
      if (p.getFileName() != null && m.matches(p.getFileName()) && Files.isRegularFile(p)) {
        hits.add(p);
      }
    }
    if (hits.size() != 1) {
      throw new IllegalStateException(glob + " matches " + hits + " on the class path; expected"
          + " exactly one jar");
    }
    return hits.get(0);
  }

  private static long copy(Path jar, ZipArchiveOutputStream zos, Set<String> seen,
      boolean filter) throws IOException {
    long n = 0;
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      // as the shade plugin: directories only as parents of the files that are kept
      Set<String> parents = new HashSet<>();
      for (Enumeration<ZipArchiveEntry> en = zip.getEntries(); en.hasMoreElements(); ) {
        String name = en.nextElement().getName();
        if (!name.endsWith("/") && !skipped(name)) {
          for (int i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
            parents.add(name.substring(0, i + 1));
          }
        }
      }
      for (Enumeration<ZipArchiveEntry> en = zip.getEntriesInPhysicalOrder();
          en.hasMoreElements(); ) {
        ZipArchiveEntry e = en.nextElement();
        String name = e.getName();
        boolean dropped = filter
            && (skipped(name) || (name.endsWith("/") && !parents.contains(name)));
        if (dropped || !seen.add(name)) {
          continue;
        }
        try (InputStream raw = zip.getRawInputStream(e)) {
          zos.addRawArchiveEntry(e, raw);
        } catch (UncheckedIOException x) {
          throw x.getCause();
        }
        n++;
      }
    }
    return n;
  }

  /** The entries the shade configuration filters out of every jar. */
  private static boolean skipped(String name) {
    return name.equals("META-INF/MANIFEST.MF")
        || name.matches("META-INF/[^/]+\\.(SF|DSA|RSA)")
        || name.equals("module-info.class")
        || name.matches("META-INF/versions/[0-9]+/module-info\\.class");
  }
}
