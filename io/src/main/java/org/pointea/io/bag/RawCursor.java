package org.pointea.io.bag;

import java.io.Closeable;
import java.io.IOException;

/** The messages of one storage file in stored order, pre-filtered where its index allows. */
interface RawCursor extends Closeable {
  /**
   * Returns the next message, valid until the next call.
   *
   * @return the message, or null at the end
   * @throws IOException when the file is malformed or unreadable
   */
  RawMessage next() throws IOException;

  @Override
  default void close() throws IOException {}
}
