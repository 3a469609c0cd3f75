package org.pointea.io.bag;

import java.io.Closeable;
import java.io.IOException;

/**
 * A one-pass iteration over a bag's messages that holds at most one chunk in memory; close it when
 * done (or use try-with-resources).
 *
 * <pre>{@code
 * try (BagCursor<CloudFrame> frames = bag.frames(BagFilter.topics("/points"))) {
 *   for (CloudFrame f = frames.next(); f != null; f = frames.next()) {
 *     ...
 *   }
 * }
 * }</pre>
 *
 * @param <T> what it yields
 */
public interface BagCursor<T> extends Closeable {

  /**
   * Returns the next item.
   *
   * @return the item, or null after the last one
   * @throws IOException when the bag is malformed (a {@link
   *     org.pointea.io.PointCloudFormatException} naming the file and byte offset) or unreadable
   */
  T next() throws IOException;

  /** Something that takes the items, and may fail with an {@link IOException}. */
  @FunctionalInterface
  interface Consumer<T> {
    /**
     * Takes one item.
     *
     * @param item the item
     * @throws IOException to stop the iteration
     */
    void accept(T item) throws IOException;
  }

  /**
   * Passes every remaining item to {@code action}, then closes the cursor.
   *
   * @param action what to do with each
   * @throws IOException from the bag or the action
   */
  default void forEachRemaining(Consumer<? super T> action) throws IOException {
    try (this) {
      for (T item = next(); item != null; item = next()) {
        action.accept(item);
      }
    }
  }
}
