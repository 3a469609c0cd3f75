package org.pointea.io.dataset.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 fingerprints of source files and of parameter text. */
public final class Fingerprint {
  private Fingerprint() {}

  /**
   * Fingerprints a list of files, in list order, by path relative to {@code root} and by either
   * size and modification time or content.
   *
   * @param root the dataset folder (paths are hashed relative to it)
   * @param files the files
   * @param mode what of each file is hashed
   * @return the hex SHA-256
   * @throws IOException when a file cannot be read
   */
  public static String ofFiles(Path root, List<Path> files, FingerprintMode mode)
      throws IOException {
    MessageDigest all = sha256();
    byte[] buffer = mode == FingerprintMode.CONTENT ? new byte[1 << 16] : null;
    Path base = root.toAbsolutePath().normalize();
    for (Path f : files) {
      Path abs = f.toAbsolutePath().normalize();
      String rel = abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
      all.update(rel.replace('\\', '/').getBytes(StandardCharsets.UTF_8));
      all.update((byte) 0);
      if (mode == FingerprintMode.STAT) {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        String stat = a.size() + "\t" + a.lastModifiedTime().toMillis();
        all.update(stat.getBytes(StandardCharsets.UTF_8));
      } else {
        MessageDigest one = sha256();
        try (InputStream in = Files.newInputStream(f)) {
          int n;
          while ((n = in.read(buffer)) > 0) {
            one.update(buffer, 0, n);
          }
        }
        all.update(one.digest());
      }
      all.update((byte) '\n');
    }
    return HexFormat.of().formatHex(all.digest());
  }

  /**
   * Fingerprints a text.
   *
   * @param text the text
   * @return the hex SHA-256 of its UTF-8 bytes
   */
  public static String ofText(String text) {
    return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
