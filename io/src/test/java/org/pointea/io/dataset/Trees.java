package org.pointea.io.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.pointea.io.RealCorpus;
import org.pointea.io.dataset.synthetic.SyntheticModelNet;
import org.pointea.io.dataset.synthetic.SyntheticShapeNetPart;

/** Small generated dataset trees in the real layouts, and access to the real samples. */
public final class Trees {
  private Trees() {}

  /** 12 classes x (6 train + 2 test) shapes of 256 points. */
  public static SyntheticModelNet modelNet() {
    return SyntheticModelNet.builder().optTrainPerClass(6).optTestPerClass(2).optPoints(256)
        .optSeed(3).optThreads(2).build();
  }

  /** 6 categories x (4 train, 2 val, 2 test) shapes of 300 to 400 points. */
  public static SyntheticShapeNetPart shapeNet() {
    return SyntheticShapeNetPart.builder().optShapesPerCategory(4, 2, 2).optPoints(300, 400)
        .optSeed(3).optThreads(2).build();
  }

  /**
   * Writes the small ModelNet tree in a layout.
   *
   * @param dir the folder to write
   * @param layout a ModelNet layout
   * @return {@code dir}
   */
  public static Path modelNet(Path dir, DatasetLayout layout) {
    try {
      modelNet().write(dir, layout, DatasetProgress.NONE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /**
   * Writes the small ShapeNet-part tree in a layout.
   *
   * @param dir the folder to write
   * @param layout a ShapeNet-part layout
   * @return {@code dir}
   */
  public static Path shapeNet(Path dir, DatasetLayout layout) {
    try {
      shapeNet().write(dir, layout, DatasetProgress.NONE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** Returns a file of the real corpus ({@code src/test/resources/real}). */
  public static Path real(String relative) {
    return RealCorpus.file(relative);
  }

  /** Returns a fixture of {@code src/test/resources/datasets}. */
  public static Path fixture(String relative) {
    return RealCorpus.root().getParent().resolve("datasets").resolve(relative);
  }

  /** Copies a folder tree. */
  public static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path q = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.createDirectories(q.getParent());
          Files.copy(p, q);
        }
      }
    }
  }
}
