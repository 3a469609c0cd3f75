package org.pointea.io.dataset.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pointea.io.dataset.Split;

/**
 * Carves a validation split out of a training list that has none (ModelNet): in each class the
 * {@code round(fraction * n)} shapes with the smallest {@link ShapeEntry#key()} (at least one when
 * the class has two or more shapes and the fraction is positive). The choice depends only on the
 * ids, not on file order, so it is the same on every machine.
 */
public final class ValidationSplit {
  private ValidationSplit() {}

  /**
   * Returns the shapes of {@code split} drawn from the official training list.
   *
   * @param trainval the official training list, in order
   * @param split TRAIN, VAL or TRAINVAL
   * @param fraction the part of each class held out for validation, in {@code [0, 1)}
   * @return the split's shapes, in the list's order
   */
  public static List<ShapeEntry> select(List<ShapeEntry> trainval, Split split, double fraction) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + fraction);
    }
    if (split == Split.TRAINVAL) {
      return trainval;
    }
    if (split == Split.TEST) {
      throw new IllegalArgumentException("the test split is not drawn from the training list");
    }
    Map<Integer, List<ShapeEntry>> byClass = new LinkedHashMap<>();
    for (ShapeEntry e : trainval) {
      byClass.computeIfAbsent(e.label(), k -> new ArrayList<>()).add(e);
    }
    Set<ShapeEntry> val = new HashSet<>();
    for (List<ShapeEntry> members : byClass.values()) {
      int n = members.size();
      int take = (int) Math.round(fraction * n);
      if (take == 0 && fraction > 0 && n >= 2) {
        take = 1;
      }
      List<ShapeEntry> sorted = new ArrayList<>(members);
      sorted.sort(Comparator.comparingLong(ShapeEntry::key).thenComparing(ShapeEntry::id));
      val.addAll(sorted.subList(0, take));
    }
    List<ShapeEntry> out = new ArrayList<>();
    for (ShapeEntry e : trainval) {
      if (val.contains(e) == (split == Split.VAL)) {
        out.add(e);
      }
    }
    return out;
  }
}
