package org.pointea.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/** The real-file corpus under {@code src/test/resources/real} and its ground truth. */
public final class RealCorpus {
  private static Path root;
  private static JsonNode truth;

  private RealCorpus() {}

  /** Returns the corpus root directory. */
  public static synchronized Path root() {
    if (root == null) {
      try {
        root = Path.of(RealCorpus.class.getResource("/real/groundtruth.json").toURI()).getParent();
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return root;
  }

  /** Returns a corpus file by its relative path. */
  public static Path file(String relative) {
    return root().resolve(relative);
  }

  /** Returns {@code groundtruth.json}. */
  public static synchronized JsonNode truth() {
    if (truth == null) {
      try {
        truth = new ObjectMapper().readTree(root().resolve("groundtruth.json").toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return truth;
  }

  /** Returns the relative paths that have ground truth, in file order. */
  public static List<String> truthPaths() {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = truth().fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  /** Returns every data file of the corpus (not MANIFEST/README/groundtruth). */
  public static List<Path> dataFiles() {
    try (Stream<Path> s = Files.walk(root())) {
      return s.filter(Files::isRegularFile)
          .filter(p -> {
            String n = p.getFileName().toString();
            return !n.endsWith(".md") && !n.equals("groundtruth.json");
          })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
