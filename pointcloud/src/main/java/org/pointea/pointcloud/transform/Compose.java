package org.pointea.pointcloud.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.pointcloud.PointCloud;

/**
 * Applies transforms in order, all drawing from the same generator.
 *
 * @param transforms the transforms, applied first to last
 */
public record Compose(List<PointTransform> transforms) implements PointTransform {

  /** Copies the list; nested compositions are flattened. */
  public Compose {
    List<PointTransform> flat = new ArrayList<>();
    for (PointTransform t : Objects.requireNonNull(transforms, "transforms")) {
      if (t instanceof Compose c) {
        flat.addAll(c.transforms());
      } else {
        flat.add(Objects.requireNonNull(t, "transform"));
      }
    }
    transforms = List.copyOf(flat);
  }

  /**
   * Returns the composition of the given transforms.
   *
   * @param transforms applied first to last
   * @return the composition
   */
  public static Compose of(PointTransform... transforms) {
    return new Compose(List.of(transforms));
  }

  @Override
  public PointCloud apply(PointCloud cloud, UniformRandomProvider rng) {
    PointCloud out = cloud;
    for (PointTransform t : transforms) {
      out = t.apply(out, rng);
    }
    return out;
  }

  @Override
  public String toString() {
    return transforms.stream().map(Object::toString).collect(Collectors.joining(", ", "Compose([", "])"));
  }
}
