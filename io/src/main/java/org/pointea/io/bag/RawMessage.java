package org.pointea.io.bag;

/**
 * A message as a storage reader finds it: a slice of a chunk (or record) buffer, not copied.
 *
 * @param connection its topic
 * @param timeNs log time, ns since the epoch
 * @param buffer the buffer holding it
 * @param offset first byte of the message in {@code buffer}
 * @param length its length
 * @param fileOffset file offset of the record (or chunk) holding it, for messages
 */
record RawMessage(
    Connection connection, long timeNs, byte[] buffer, int offset, int length, long fileOffset) {}
