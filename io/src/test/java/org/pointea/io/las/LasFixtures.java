package org.pointea.io.las;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The LAS files under {@code src/test/resources/las} (README.md there) and laspy's reading. */
final class LasFixtures {
  private static JsonNode truth;

  private LasFixtures() {}

  static Path root() {
    try {
      return Path.of(LasFixtures.class.getResource("/las/groundtruth.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path file(String relative) {
    return root().resolve(relative);
  }

  /** Returns laspy's description of every file (groundtruth.json's "files"). */
  static synchronized JsonNode truth() {
    if (truth == null) {
      try {
        truth = new ObjectMapper().readTree(file("groundtruth.json").toFile()).get("files");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return truth;
  }

  /** The files laspy reads and pointea must read the same way. */
  static List<String> readable() {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = truth().fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!truth().get(f).has("error") && !REFUSED.contains(f)) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * Files laspy reads leniently but pointea refuses, as PDAL does: a header promising 1065 points
   * with no point bytes, and a VLR count that overruns the point data.
   */
  static final List<String> REFUSED = List.of("pdal/1.2-no-points.las", "pdal/bad_vlr_count.las");
}
