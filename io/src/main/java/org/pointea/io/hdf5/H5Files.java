package org.pointea.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import java.util.Arrays;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.pointea.io.PointCloudFormatException;

/**
 * Opens HDF5 files for jhdf the bounded way: the file is memory-mapped and handed to jhdf as a
 * buffer, so every read jhdf makes is a slice of bytes that exist.
 *
 * <p>Through a path, jhdf reads a file through its channel into buffers it sizes from the object
 * headers: a 508-byte file with a forged size made it allocate 1.7 GB, and another stalled it
 * for a minute, where the same bytes held in memory fail in milliseconds. Mapping gives the
 * in-memory behaviour without copying the file. Files over 2 GiB cannot be mapped as one buffer
 * and are refused (PointNet's and ShapeNet-part's files are under 0.5 GB).
 *
 * <pre>{@code
 * try (HdfFile h = H5Files.open(Path.of("ply_data_train0.h5"))) {
 *   Set<String> names = h.getChildren().keySet();
 * }
 * }</pre>
 */
public final class H5Files {
  /** Largest decompressed/stored ratio deflate can reach (about 1032:1), with margin. */
  public static final long MAX_DEFLATE_RATIO = 1100;

  /** The largest HDF5 file read, in bytes (one mapped buffer). */
  public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;

  private H5Files() {}

  /**
   * Opens a file, mapped into memory.
   *
   * @param path the file
   * @return the open file; close it when done
   * @throws IOException when the file cannot be opened, is over {@link #MAX_FILE_BYTES}, or jhdf
   *     cannot read its superblock (a {@link PointCloudFormatException} at byte 0)
   */
  public static HdfFile open(Path path) throws IOException {
    MappedByteBuffer map;
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > MAX_FILE_BYTES) {
        throw new PointCloudFormatException(path.toString(), -1, 0, "HDF5 file of " + size
            + " bytes: files over 2 GiB are not read (split the batch into several files)");
      }
      map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
    }
    try {
      return HdfFile.fromByteBuffer(map);
    } catch (RuntimeException | StackOverflowError e) {
      throw unreadable(path.toString(), e);
    }
  }

  /**
   * Returns the error for a file jhdf could not read, at byte 0 unless jhdf's message names an
   * address.
   *
   * @param name the file name for the message
   * @param e what jhdf threw
   * @return the exception, to throw
   */
  public static PointCloudFormatException unreadable(String name, Throwable e) {
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (msg.length() > 300) {
      msg = msg.substring(0, 300) + "...";
    }
    return new PointCloudFormatException(name, -1, addressIn(msg),
        "not a readable HDF5 file: " + msg, e);
  }

  /** Returns the first "address N" jhdf's message names (0 when none): where it stopped. */
  static long addressIn(String msg) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("address[ =:']*(\\d{1,18})").matcher(msg);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  /**
   * Returns a dataset's dimensions after checking them against what the file stores: every
   * dimension and the value count fit a Java array, the declared bytes are at most the bytes
   * stored for the dataset (never more than the file) times {@link #MAX_DEFLATE_RATIO} when it is
   * filtered, and chunks are not much larger than the dataset they tile. Call before jhdf reads
   * the data.
   *
   * @param d the dataset
   * @param name the file name for messages
   * @param fileSize the file's size in bytes
   * @return the dimensions
   * @throws PointCloudFormatException at the dataset's object header when a check fails
   */
  public static int[] dimensions(Dataset d, String name, long fileSize)
      throws PointCloudFormatException {
    long[] dl = d.getDimensionsAsLong();
    long count = 1;
    for (long x : dl) {
      if (x < 0 || x > Integer.MAX_VALUE - 16) {
        throw datasetError(name, d, "dataset '" + d.getName() + "' has a bad dimension " + x);
      }
      count *= x;
      if (count > Integer.MAX_VALUE - 16) {
        throw datasetError(name, d, "dataset '" + d.getName()
            + "' holds more values than a Java array can");
      }
    }
    long bytes = count * Math.max(1, d.getDataType().getSize());
    boolean filtered = !d.getFilters().isEmpty();
    // the bytes stored for the dataset (its chunks, or its contiguous block), never more than the
    // file, times deflate's largest ratio when filtered, bound what can be decoded: a partially
    // written dataset, or a forged dimension, declares more
    long stored = Math.max(0, Math.min(d.getStorageInBytes(), fileSize));
    long limit = (filtered ? stored * MAX_DEFLATE_RATIO : stored) + 4096;
    if (bytes > limit) {
      throw datasetError(name, d, "dataset '" + d.getName() + "' declares " + Arrays.toString(dl)
          + " = " + bytes + " bytes but " + stored + " bytes are stored"
          + (filtered ? " (at most " + MAX_DEFLATE_RATIO + " x that after decompression)" : ""));
    }
    if (d instanceof ChunkedDataset cd) {
      // jhdf allocates a whole chunk, and an int offset per chunk element, before reading it:
      // a chunk may not be much larger than the dataset it tiles
      long elements = 1;
      for (int c : cd.getChunkDimensions()) {
        if (c <= 0) {
          throw datasetError(name, d, "dataset '" + d.getName() + "' has a bad chunk dimension " + c);
        }
        elements *= c;
        if (elements > 2 * count + 65536) {
          throw datasetError(name, d, "dataset '" + d.getName()
              + "' of " + count + " values claims chunks of more than " + (2 * count + 65536)
              + " values");
        }
      }
    }
    int[] out = new int[dl.length];
    for (int i = 0; i < dl.length; i++) {
      out[i] = (int) dl[i];
    }
    return out;
  }

  /**
   * Returns an error about a dataset, at the byte of its object header.
   *
   * @param name the file name
   * @param d the dataset, or null (byte 0)
   * @param detail what is wrong
   * @return the exception, to throw
   */
  public static PointCloudFormatException datasetError(String name, Node d, String detail) {
    return new PointCloudFormatException(name, -1, d == null ? 0 : d.getAddress(), detail);
  }
}
