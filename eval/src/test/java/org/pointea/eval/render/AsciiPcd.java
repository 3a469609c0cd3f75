package org.pointea.eval.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.pointea.pointcloud.PointCloud;

/** Reads the two committed ascii PCD fixtures (x y z + normals or rgba); test scope only. */
final class AsciiPcd {
  private AsciiPcd() {}

  static PointCloud read(String resource) {
    String text;
    try (InputStream in = AsciiPcd.class.getResourceAsStream("/real/" + resource)) {
      text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> lines = text.lines().toList();
    List<String> fields = null;
    int data = -1;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("FIELDS")) {
        fields = Arrays.asList(l.substring(7).trim().split("\\s+"));
      } else if (l.startsWith("DATA ascii")) {
        data = i + 1;
        break;
      }
    }
    int n = lines.size() - data;
    float[] xyz = new float[3 * n];
    float[] normals = new float[3 * n];
    float[] colors = new float[3 * n];
    for (int i = 0; i < n; i++) {
      String[] v = lines.get(data + i).trim().split("\\s+");
      for (int k = 0; k < 3; k++) {
        xyz[3 * i + k] = Float.parseFloat(v[k]);
      }
      if (fields.contains("normal_x")) {
        for (int k = 0; k < 3; k++) {
          normals[3 * i + k] = Float.parseFloat(v[fields.indexOf("normal_x") + k]);
        }
      }
      if (fields.contains("rgba")) {
        long argb = Long.parseLong(v[fields.indexOf("rgba")]);
        colors[3 * i] = ((argb >> 16) & 255) / 255f;
        colors[3 * i + 1] = ((argb >> 8) & 255) / 255f;
        colors[3 * i + 2] = (argb & 255) / 255f;
      }
    }
    PointCloud.Builder b = PointCloud.builder(xyz);
    if (fields.contains("normal_x")) {
      b.normals(normals);
    }
    if (fields.contains("rgba")) {
      b.colors(colors, 3);
    }
    return b.build();
  }
}
