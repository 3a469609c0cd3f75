package org.pointea.io.las;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.ReadOptions;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;

/**
 * Every LAS file of the test data (from laspy's and PDAL's test suites, and one per point format
 * written by laspy) read as laspy 2.5.4 reads it: header fields, and the sum, min, max and first
 * values of every dimension.
 */
class LasReaderTest {

  static List<String> readable() {
    return LasFixtures.readable();
  }

  @ParameterizedTest
  @MethodSource("readable")
  void headerMatchesLaspy(String file) throws IOException {
    JsonNode t = LasFixtures.truth().get(file);
    LasHeader h = LasReader.readHeader(LasFixtures.file(file));
    assertThat(h.version()).isEqualTo(t.get("version").asText());
    assertThat(h.pointFormat().id()).isEqualTo(t.get("point_format").asInt());
    assertThat(h.pointCount()).isEqualTo(t.get("point_count").asLong());
    assertThat(h.pointRecordLength()).isGreaterThanOrEqualTo(t.get("record_length").asInt());
    for (int a = 0; a < 3; a++) {
      assertThat(h.scale()[a]).isEqualTo(t.get("scales").get(a).asDouble());
      assertThat(h.offset()[a]).isEqualTo(t.get("offsets").get(a).asDouble());
      assertThat(h.min()[a]).isEqualTo(t.get("mins").get(a).asDouble());
      assertThat(h.max()[a]).isEqualTo(t.get("maxs").get(a).asDouble());
    }
    assertThat(h.systemIdentifier()).isEqualTo(t.get("system_identifier").asText().strip());
    assertThat(h.generatingSoftware()).isEqualTo(t.get("generating_software").asText().strip());
    assertThat(h.globalEncoding()).isEqualTo(t.get("global_encoding").asInt());
    if (!t.get("creation_date").isNull()) {
      LocalDate d = LocalDate.parse(t.get("creation_date").asText());
      assertThat(h.creationYear()).isEqualTo(d.getYear());
      assertThat(h.creationDayOfYear()).isEqualTo(d.getDayOfYear());
    }
    List<LasVlr> vlrs = h.vlrs().stream().filter(v -> !v.extended()).toList();
    List<LasVlr> evlrs = h.vlrs().stream().filter(LasVlr::extended).toList();
    assertThat(vlrs).hasSize(t.get("vlrs").size());
    for (int i = 0; i < vlrs.size(); i++) {
      assertThat(vlrs.get(i).userId()).isEqualTo(t.get("vlrs").get(i).get(0).asText());
      assertThat(vlrs.get(i).recordId()).isEqualTo(t.get("vlrs").get(i).get(1).asInt());
    }
    assertThat(evlrs).hasSize(t.get("evlrs").size());
    JsonNode byReturn = t.get("points_by_return"); // laspy lists 15 for every version
    for (int i = 0; i < byReturn.size(); i++) {
      long ours = i < h.pointsByReturn().length ? h.pointsByReturn()[i] : 0;
      assertThat(ours).as("points of return " + (i + 1)).isEqualTo(byReturn.get(i).asLong());
    }
  }

  @ParameterizedTest
  @MethodSource("readable")
  void everyDimensionMatchesLaspy(String file) throws IOException {
    JsonNode t = LasFixtures.truth().get(file);
    LasHeader h = LasReader.readHeader(LasFixtures.file(file));
    PointCloud cloud = LasReader.read(LasFixtures.file(file));
    assertThat(cloud.size()).isEqualTo(t.get("point_count").asInt());
    for (Iterator<Map.Entry<String, JsonNode>> it = t.get("dimensions").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode comps = e.getValue();
      for (int c = 0; c < comps.size(); c++) {
        double[] ours = values(cloud, h, e.getKey(), c, comps.size());
        String dim = e.getKey();
        // coordinates are floats relative to the origin: ~6e-5 m at a kilometre from it
        double tol = dim.matches("[xyz]") ? 2e-3
            : dim.matches("[XYZ]") ? rawTolerance(cloud, h, dim.charAt(0) - 'X') : 0;
        check(file + " " + dim + "[" + c + "]", ours, comps.get(c), tol);
      }
    }
  }

  /** One laspy dimension (component c of w) computed from the cloud. */
  static double[] values(PointCloud cloud, LasHeader h, String dim, int c, int w) {
    int n = cloud.size();
    double[] v = new double[n];
    double[] origin = cloud.origin();
    for (int i = 0; i < n; i++) {
      v[i] = switch (dim) {
        case "x", "y", "z" -> origin[dim.charAt(0) - 'x'] + coordinate(cloud, i, dim.charAt(0) - 'x');
        case "X", "Y", "Z" -> {
          int a = dim.charAt(0) - 'X';
          yield Math.rint((origin[a] + coordinate(cloud, i, a) - h.offset()[a]) / h.scale()[a]);
        }
        case "classification" -> cloud.labels()[i];
        case "synthetic" -> flag(cloud, i, 0);
        case "key_point" -> flag(cloud, i, 1);
        case "withheld" -> flag(cloud, i, 2);
        case "overlap" -> flag(cloud, i, 3);
        case "scan_angle_rank" -> cloud.floatChannel(LasChannels.SCAN_ANGLE).get(i, 0);
        case "scan_angle" -> Math.rint(cloud.floatChannel(LasChannels.SCAN_ANGLE).get(i, 0) / 0.006);
        case "red", "green", "blue" -> Math.rint(cloud.colors()[3 * i + "rgb".indexOf(dim.charAt(0))]
            * rgbScale(h, cloud));
        case "ExtraBytes" -> cloud.channel("extra_bytes").orElseThrow().valueAsDouble(i, c);
        default -> cloud.channel(dim).orElseThrow(() -> new AssertionError("no channel " + dim
            + " in " + cloud)).valueAsDouble(i, w == 1 ? 0 : c);
      };
    }
    return v;
  }

  /** Raw units a float coordinate may be off by: its ulp over the scale (0 at scale 0.001). */
  private static double rawTolerance(PointCloud cloud, LasHeader h, int axis) {
    float max = 0;
    for (int i = 0; i < cloud.size(); i++) {
      max = Math.max(max, Math.abs((float) coordinate(cloud, i, axis)));
    }
    double tol = Math.ulp(max) / h.scale()[axis];
    return tol < 0.25 ? 0 : Math.ceil(tol);
  }

  private static double coordinate(PointCloud cloud, int i, int axis) {
    return axis == 0 ? cloud.x(i) : axis == 1 ? cloud.y(i) : cloud.z(i);
  }

  private static double flag(PointCloud cloud, int i, int bit) {
    return (cloud.intChannel(LasChannels.CLASSIFICATION_FLAGS).get(i, 0) >>> bit) & 1;
  }

  /** 255 when the file holds 8-bit colours, else 65535: as LasReader scaled them. */
  private static double rgbScale(LasHeader h, PointCloud cloud) {
    float max = 0;
    for (float v : cloud.colors()) {
      max = Math.max(max, v);
    }
    return cloud.size() > 0 && isEightBit(cloud) ? 255 : 65535;
  }

  private static boolean isEightBit(PointCloud cloud) {
    // the reader divides by 255 exactly when every raw component is <= 255
    for (float v : cloud.colors()) {
      double raw = v * 255.0;
      if (Math.abs(raw - Math.rint(raw)) > 1e-3) {
        return false;
      }
    }
    return true;
  }

  private static void check(String what, double[] ours, JsonNode t, double tol) {
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int finite = 0;
    for (double v : ours) {
      if (Double.isFinite(v)) {
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
        finite++;
      }
    }
    assertThat(finite).as(what + " finite").isEqualTo(t.get("finite").asInt());
    if (finite == 0) {
      return;
    }
    assertThat(min).as(what + " min").isCloseTo(t.get("min").asDouble(), within(tol));
    assertThat(max).as(what + " max").isCloseTo(t.get("max").asDouble(), within(tol));
    assertThat(sum).as(what + " sum").isCloseTo(t.get("sum").asDouble(),
        within(Math.max(tol * ours.length, 1e-9 * Math.abs(sum))));
    JsonNode first = t.get("first");
    for (int i = 0; i < first.size(); i++) {
      if (!first.get(i).isNull()) {
        assertThat(ours[i]).as(what + " first " + i).isCloseTo(first.get(i).asDouble(), within(tol));
      }
    }
  }

  @Test
  void simpleLasFirstPointAsLiblasAndLaspyTestsState() throws IOException {
    // laspy tests/test_common.py and PDAL's LasReaderTest state these values of simple.las
    PointCloud c = LasReader.read(LasFixtures.file("laspy/simple.las"));
    assertThat(c.size()).isEqualTo(1065);
    double[] o = c.origin();
    assertThat(o[0] + c.x(0)).isCloseTo(637012.24, within(1e-3));
    assertThat(o[1] + c.y(0)).isCloseTo(849028.31, within(1e-3));
    assertThat(o[2] + c.z(0)).isCloseTo(431.66, within(1e-3));
    assertThat(c.floatChannel(Channel.INTENSITY).get(0, 0)).isEqualTo(143f);
    assertThat(c.labels()[0]).isEqualTo(1);
    assertThat(c.doubleChannel(LasChannels.GPS_TIME).get(0, 0)).isEqualTo(245380.78254962614);
    assertThat(c.colors()[0] * 65535).isCloseTo(68 * 257f, within(1e-2f)); // 8-bit 68, scaled
  }

  @Test
  void channelsCanBeFiltered() throws IOException {
    PointCloud c = LasReader.read(LasFixtures.file("generated/pf8_v1.4.las"),
        ReadOptions.builder().optChannels(Channel.LABELS, LasChannels.GPS_TIME).build());
    assertThat(c.channelNames()).containsExactly(Channel.LABELS, LasChannels.GPS_TIME);
  }

  @Test
  void refusesWhatPdalRefuses() {
    assertThatThrownBy(() -> LasReader.read(LasFixtures.file("pdal/1.2-no-points.las")))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageEndingWith("byte 107: the header announces 1065 points of 34 bytes but 0 bytes"
            + " follow the point data offset 229");
    assertThatThrownBy(() -> LasReader.read(LasFixtures.file("pdal/bad_vlr_count.las")))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("VLR 3 of 3 starts at byte");
    assertThatThrownBy(() -> LasReader.read(LasFixtures.file("pdal/garbage_nVariableLength.las")))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("byte 107: the header announces 719 points of 20 bytes but 14374");
  }

  @Test
  void lazIsRefusedWithTheWayOut() {
    assertThatThrownBy(() -> LasReader.read(LasFixtures.file("laspy/simple.laz")))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("byte 104: LAZ (compressed LAS, point format 3) is not read by "
            + "pointea: decompress it first (laszip -i in.laz -o out.las");
  }
}
