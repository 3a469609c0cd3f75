package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pointea.tools.cli.InfoCommandTest.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudIO;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.filters.CropBox;
import org.pointea.pointcloud.filters.CropPolygon;

class CropCommandTest {

  @TempDir Path dir;

  @Test
  void boxKeepsTheLibrarysPointsAndInvertTheOthers() throws IOException {
    Path out = dir.resolve("in.pcd");
    Path rest = dir.resolve("out.pcd");
    Cli.Run r = Cli.run("crop", file("bun0.pcd"), out.toString(), "--min", "-0.05,0.08,-inf",
        "--max", "0.0,0.2,inf", "--rest", rest.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    PointCloud in = PointCloudIO.read(Path.of(file("bun0.pcd")));
    int[] inside = new CropBox(-0.05, 0.08, Double.NEGATIVE_INFINITY, 0.0, 0.2,
        Double.POSITIVE_INFINITY).filter(in.positions(), in.size());
    assertThat(inside.length).isBetween(10, 390);
    PointCloud got = PointCloudIO.read(out);
    assertThat(got.positions()).containsExactly(in.select(inside).positions());
    assertThat(got.hasNormals()).isTrue();
    assertThat(PointCloudIO.read(rest).size()).isEqualTo(397 - inside.length);
    Cli.Run inv = Cli.run("crop", file("bun0.pcd"), dir.resolve("inv.pcd").toString(), "--min",
        "-0.05,0.08,-inf", "--max", "0.0,0.2,inf", "--invert", "--json");
    assertThat(inv.out()).contains("\"kept\" : " + (397 - inside.length));
  }

  @Test
  void readsOpen3dSelectionPolygonVolumes() throws IOException {
    Path json = dir.resolve("cropped.json");
    Files.writeString(json, """
        {
          "axis_max" : 0.1, "axis_min" : 0.04,
          "bounding_polygon" : [[-0.1, 0.0, -0.05], [0.05, 0.0, -0.05], [0.05, 0.0, 0.06],
                                [-0.02, 0.0, 0.0], [-0.1, 0.0, 0.06]],
          "class_name" : "SelectionPolygonVolume", "orthogonal_axis" : "Y",
          "version_major" : 1, "version_minor" : 0
        }""");
    Path out = dir.resolve("c.ply");
    Cli.Run r = Cli.run("crop", file("bun0.pcd"), out.toString(), "--polygon-json",
        json.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    PointCloud in = PointCloudIO.read(Path.of(file("bun0.pcd")));
    int[] inside = CropPolygon.fromVolume(CropPolygon.Axis.Y, new double[] {-0.1, 0, -0.05, 0.05,
        0, -0.05, 0.05, 0, 0.06, -0.02, 0, 0, -0.1, 0, 0.06}, 0.04, 0.1)
        .filter(in.positions(), in.size());
    assertThat(inside.length).isPositive();
    assertThat(PointCloudIO.read(out).size()).isEqualTo(inside.length);
    Cli.Run inline = Cli.run("crop", file("bun0.pcd"), dir.resolve("d.ply").toString(),
        "--polygon", "-0.1,-0.05,0.05,-0.05,0.05,0.06,-0.02,0,-0.1,0.06", "--axis", "y",
        "--range", "0.04,0.1");
    assertThat(inline.err()).contains(inside.length + " of 397 points inside");
  }

  @Test
  void regionsAreChecked() throws IOException {
    String in = file("bun0.pcd");
    String out = dir.resolve("a.pcd").toString();
    assertThat(Cli.run("crop", in, out).err()).contains("give one region");
    assertThat(Cli.run("crop", in, out, "--min", "0,0,0").err())
        .contains("a box needs both --min and --max");
    assertThat(Cli.run("crop", in, out, "--min", "0,0", "--max", "1,1,1").err())
        .contains("--min takes 3 comma-separated numbers, got 2");
    assertThat(Cli.run("crop", in, out, "--min", "1,1,1", "--max", "0,0,0").err())
        .contains("min must be <= max");
    assertThat(Cli.run("crop", in, out, "--min", "0,0,0", "--max", "1,1,1", "--range", "0,1")
        .err()).contains("--axis and --range apply to --polygon only");
    assertThat(Cli.run("crop", in, out, "--polygon", "0,0,1,1").err()).contains("at least 3");
    assertThat(Cli.run("crop", in, out, "--min", "0,NaN,0", "--max", "1,1,1").err())
        .contains("'NaN' is not a number");
    Path json = dir.resolve("v.json");
    Files.writeString(json, "{\"class_name\": \"SelectionPolygonVolume\", \"bounding_polygon\": [");
    Cli.Run broken = Cli.run("crop", in, out, "--polygon-json", json.toString());
    assertThat(broken.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(broken.err()).contains("v.json: not JSON").hasLineCount(1);
    Files.writeString(json, "{\"class_name\": \"AxisAlignedBoundingBox\"}");
    assertThat(Cli.run("crop", in, out, "--polygon-json", json.toString()).err())
        .contains("not an Open3D SelectionPolygonVolume");
  }
}
