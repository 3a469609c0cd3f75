package org.pointea.io.las;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the coordinate reference system a LAS file declares, for display: the EPSG codes of its
 * GeoTIFF keys ({@code LASF_Projection} 34735: projected, geographic and vertical CS keys), or the
 * name and root EPSG authority of its OGC WKT ({@code LASF_Projection} 2112). Nothing is
 * reprojected; the records themselves are carried over by {@link LasWriteOptions.Builder#optVlrs}.
 */
public final class LasCrs {
  private static final int PROJECTED = 3072;
  private static final int GEOGRAPHIC = 2048;
  private static final int VERTICAL = 4096;
  private static final Pattern WKT_NAME = Pattern.compile("^\\s*([A-Z_]+)\\[\"([^\"]*)\"");
  private static final Pattern AUTHORITY = Pattern.compile(
      "(?:AUTHORITY|ID)\\[\"EPSG\",\\s*\"?(\\d+)\"?\\]");

  private LasCrs() {}

  /**
   * Describes the CRS of a file's records.
   *
   * @param vlrs the file's VLRs and EVLRs
   * @return e.g. {@code EPSG:26910 (GeoTIFF keys)} or {@code NAD83 / UTM zone 10N, EPSG:26910
   *     (WKT)}, or empty when the file declares none
   */
  public static Optional<String> describe(List<LasVlr> vlrs) {
    for (LasVlr v : vlrs) {
      if (v.userId().equals(LasVlr.LASF_PROJECTION) && v.recordId() == 2112) {
        return Optional.of(wkt(new String(v.data(), StandardCharsets.UTF_8)));
      }
    }
    for (LasVlr v : vlrs) {
      if (v.userId().equals(LasVlr.LASF_PROJECTION) && v.recordId() == 34735) {
        String keys = geoKeys(v.data());
        if (!keys.isEmpty()) {
          return Optional.of(keys + " (GeoTIFF keys)");
        }
      }
    }
    return Optional.empty();
  }

  private static String wkt(String text) {
    String s = text.replace("\u0000", "").strip();
    Matcher name = WKT_NAME.matcher(s);
    Matcher epsg = AUTHORITY.matcher(s);
    String code = null;
    while (code == null && epsg.find()) {
      if (depth(s, epsg.start()) == 1) {
        code = epsg.group(1); // the root object's own authority, not a datum's or unit's
      }
    }
    String label = name.find() ? name.group(2) : s.length() > 40 ? s.substring(0, 40) + "..." : s;
    return label + (code != null ? ", EPSG:" + code : "") + " (WKT)";
  }

  /** Returns how many brackets are open at {@code at} (quoted text ignored). */
  private static int depth(String s, int at) {
    int d = 0;
    boolean quoted = false;
    for (int i = 0; i < at; i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '[' || c == '(')) {
        d++;
      } else if (!quoted && (c == ']' || c == ')')) {
        d--;
      }
    }
    return d;
  }

  /** The EPSG codes held directly in the GeoKeyDirectory (TIFFTagLocation 0). */
  private static String geoKeys(byte[] data) {
    if (data.length < 8) {
      return "";
    }
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    int n = b.getShort(6) & 0xFFFF;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n && 8 + 8 * i + 8 <= data.length; i++) {
      int at = 8 + 8 * i;
      int key = b.getShort(at) & 0xFFFF;
      int location = b.getShort(at + 2) & 0xFFFF;
      int value = b.getShort(at + 6) & 0xFFFF;
      if (location == 0 && value != 0 && value != 32767
          && (key == PROJECTED || key == GEOGRAPHIC || key == VERTICAL)) {
        if (out.length() > 0) {
          out.append(" + ");
        }
        out.append("EPSG:").append(value);
        if (key == VERTICAL) {
          out.append(" (vertical)");
        }
      }
    }
    return out.toString();
  }
}
