package org.pointea.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The file formats pointea reads and writes, with detection from a file's first bytes or its
 * extension.
 */
public enum PointCloudFormat {
  /** Stanford PLY (ascii, binary little or big endian); clouds and meshes. */
  PLY("ply"),
  /** PCL's PCD v0.5 / v0.7 (ascii, binary, binary_compressed). */
  PCD("pcd"),
  /** Geomview OFF (as in ModelNet); meshes, or their vertices as a cloud. */
  OFF("off"),
  /** Text {@code x y z}. */
  XYZ("xyz"),
  /** Text {@code x y z nx ny nz}. */
  XYZN("xyzn"),
  /** Text {@code x y z r g b}, colours in [0, 1]. */
  XYZRGB("xyzrgb"),
  /** Text with a count line, {@code x y z [i] [r g b]}. */
  PTS("pts"),
  /** Comma-separated text; layout inferred (header or column count). */
  CSV("csv"),
  /** Whitespace- or comma-separated text; layout inferred. */
  TXT("txt"),
  /** NumPy {@code .npy}, a {@code [N, 3+]} array. */
  NPY("npy"),
  /** HDF5 in PointNet's layout ({@code data}, {@code label}, ...). */
  HDF5("h5", "hdf5"),
  /** ASPRS LAS 1.0 to 1.4, point formats 0 to 10 ({@code .laz} is recognised and refused). */
  LAS("las", "laz");

  private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'};

  private final List<String> extensions;

  PointCloudFormat(String... extensions) {
    this.extensions = List.of(extensions);
  }

  /** Returns the file extensions, without dots, lower case. */
  public List<String> extensions() {
    return extensions;
  }

  /** Returns true for the formats that hold triangle meshes (PLY and OFF). */
  public boolean holdsMeshes() {
    return this == PLY || this == OFF;
  }

  /** Returns true for the plain-text point formats (XYZ, XYZN, XYZRGB, PTS, CSV, TXT). */
  public boolean isText() {
    return this == XYZ || this == XYZN || this == XYZRGB || this == PTS || this == CSV
        || this == TXT;
  }

  /**
   * Returns the format a file name's extension names.
   *
   * @param path the file
   * @return the format, or empty for an unknown extension
   */
  public static Optional<PointCloudFormat> fromExtension(Path path) {
    Path name = path.getFileName();
    if (name == null) {
      return Optional.empty();
    }
    String s = name.toString();
    int dot = s.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String ext = s.substring(dot + 1).toLowerCase(Locale.ROOT);
    for (PointCloudFormat f : values()) {
      if (f.extensions.contains(ext)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the format the first bytes of a file announce, when they are conclusive (PLY, PCD, OFF,
   * NPY, HDF5 and LAS have signatures; text has none).
   *
   * @param head the first bytes (512 are plenty)
   * @param length number of valid bytes in {@code head}
   * @return the format, or empty
   */
  public static Optional<PointCloudFormat> fromMagic(byte[] head, int length) {
    if (startsWith(head, length, "ply") && length > 3 && (head[3] == '\n' || head[3] == '\r')) {
      return Optional.of(PLY);
    }
    if (length >= 6 && (head[0] & 0xFF) == 0x93 && startsWith(head, length, "\u0093NUMPY")) {
      return Optional.of(NPY);
    }
    if (length >= 8 && java.util.Arrays.equals(head, 0, 8, HDF5_MAGIC, 0, 8)) {
      return Optional.of(HDF5);
    }
    if (length >= 4 && startsWith(head, length, "LASF")) {
      return Optional.of(LAS);
    }
    String text = new String(head, 0, Math.min(length, 512), java.nio.charset.StandardCharsets.ISO_8859_1);
    String trimmed = text.stripLeading();
    if (trimmed.startsWith("# .PCD") || trimmed.startsWith("VERSION") || trimmed.startsWith("FIELDS")) {
      return Optional.of(PCD);
    }
    if (trimmed.matches("(?s)(ST)?C?N?OFF(\\s|\\d|#).*") || trimmed.equals("OFF")) {
      return Optional.of(OFF);
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] head, int length, String s) {
    if (length < s.length()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if ((head[i] & 0xFF) != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Tells a file's format: from its signature when it has one, else from its extension.
   *
   * @param path the file
   * @return the format
   * @throws IOException when the file cannot be read or its format cannot be told
   */
  public static PointCloudFormat detect(Path path) throws IOException {
    byte[] head = new byte[512];
    int n = 0;
    try (InputStream in = Files.newInputStream(path)) {
      int r;
      while (n < head.length && (r = in.read(head, n, head.length - n)) > 0) {
        n += r;
      }
    }
    Optional<PointCloudFormat> byMagic = fromMagic(head, n);
    Optional<PointCloudFormat> byExt = fromExtension(path);
    if (byMagic.isPresent()) {
      // signatures are unambiguous; only files without one fall back to their extension
      return byMagic.get();
    }
    if (byExt.isPresent()) {
      return byExt.get();
    }
    throw new PointCloudFormatException(path.toString(), -1, 0,
        "cannot tell the format: unknown extension and no PLY/PCD/OFF/NPY/HDF5/LAS signature");
  }
}
