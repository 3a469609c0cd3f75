package org.pointea.tools.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the Python peer scripts of the benchmarks ({@code tools/peers/*.py}) and the Python that
 * runs them, from any working directory: the folder named by the system property
 * {@code pointea.peers} (the launcher sets it), else {@code ../peers} next to the running jar or
 * classes folder ({@code tools/target/pointea.jar}, {@code tools/target/classes}), else
 * {@code tools/peers} under the working directory.
 */
public final class Peers {
  /** The Python with the peers' packages (Open3D, SciPy, scikit-learn, matplotlib). */
  public static final String DEFAULT_PYTHON = "/usr/bin/python3";

  private Peers() {}

  /**
   * Returns a peer script, if it can be found.
   *
   * @param name file name, e.g. {@code core_open3d.py}
   * @return its path
   */
  public static Optional<Path> script(String name) {
    for (Path dir : candidates()) {
      Path p = dir.resolve(name);
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static List<Path> candidates() {
    List<Path> dirs = new ArrayList<>();
    String prop = System.getProperty("pointea.peers");
    if (prop != null && !prop.isBlank()) {
      dirs.add(Path.of(prop));
    }
    try {
      var source = Peers.class.getProtectionDomain().getCodeSource();
      if (source != null) {
        Path code = Path.of(source.getLocation().toURI());
        // tools/target/pointea.jar or tools/target/classes -> tools/peers
        Path target = code.getParent();
        if (target != null && target.getParent() != null) {
          dirs.add(target.getParent().resolve("peers"));
        }
      }
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      // no code source: fall back to the working directory
    }
    dirs.add(Path.of("tools", "peers"));
    return dirs;
  }

  /**
   * Checks that a Python can import the given modules, so a missing peer is reported in one line
   * rather than as a traceback.
   *
   * @param python the interpreter
   * @param modules module names, e.g. {@code open3d}
   * @return empty when it can, else why not
   */
  public static Optional<String> missing(String python, String... modules) {
    if (!Files.isExecutable(Path.of(python))) {
      return Optional.of(python + " not found");
    }
    String code = "import " + String.join(", ", modules);
    try {
      Process p = new ProcessBuilder(python, "-c", code).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.of(python + " -c '" + code + "' did not finish");
      }
      if (p.exitValue() != 0) {
        String last = out.isEmpty() ? "exit " + p.exitValue() : out.substring(out.lastIndexOf('\n') + 1);
        return Optional.of(python + ": " + last);
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(python + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }
}
