package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pointea.tools.cli.PointeaProcess.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudIO;
import org.pointea.io.las.LasReader;
import org.pointea.pointcloud.PointCloud;

/**
 * {@code info}, {@code convert}, {@code render} and {@code predict} on bags (the io module's test
 * bags: MCAP, ROS 1, rosbag2 SQLite) and LAS files.
 */
class BagCommandsTest {
  static final String LIDAR = "/os_cloud_node/points";
  static final String CAMERA = "/camera/depth/points";

  @TempDir
  Path tmp;

  static String bag(String name) {
    return resource("bags/" + name).toString();
  }

  @Test
  void infoListsTopicsTimesAndPoints() throws Exception {
    Cli.Run r = Cli.run("info", "--json", bag("lidar_zstd.mcap"), bag("lidar_active.bag"),
        bag("rosbag2/talker.db3"), resource("las/laspy/autzen.las").toString());
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode all = new ObjectMapper().readTree(r.out());
    JsonNode mcap = all.get(0).get("bag");
    assertThat(mcap.get("storage").asText()).isEqualTo("MCAP");
    assertThat(mcap.get("indexed").asBoolean()).isTrue();
    assertThat(mcap.get("compression").get(0).asText()).isEqualTo("zstd");
    assertThat(mcap.get("messages").asLong()).isEqualTo(32);
    assertThat(mcap.get("duration_s").asDouble()).isEqualTo(0.48);
    assertThat(all.get(0).get("points").asLong()).isEqualTo(4 * 256 + 3 * 192);
    JsonNode lidar = mcap.get("topics").get(0);
    assertThat(lidar.get("name").asText()).isEqualTo(LIDAR);
    assertThat(lidar.get("clouds").get("points").asLong()).isEqualTo(1024);
    assertThat(lidar.get("clouds").get("frame_ids").get(0).asText()).isEqualTo("os_sensor");
    assertThat(lidar.get("clouds").get("organized").get("width").asInt()).isEqualTo(32);
    assertThat(all.get(1).get("bag").get("indexed").asBoolean()).isFalse();
    assertThat(all.get(2).get("bag").get("topics").size()).isEqualTo(3);
    JsonNode las = all.get(3).get("las");
    assertThat(las.get("crs").asText()).isEqualTo("EPSG:2994 (GeoTIFF keys)");
    assertThat(las.get("points_by_return").toString()).isEqualTo("[90,12,2,2]");
    assertThat(las.get("classes").get("2").asLong()).isEqualTo(24);

    Cli.Run text = Cli.run("info", bag("lidar.db3"));
    assertThat(text.code()).isZero();
    assertThat(text.out()).contains("ROSBAG2_SQLITE bag (indexed)", "duration    0.480 s",
        "2023-11-14T22:13:20.001Z", "1,024 points (256 per message, 32 x 8), frame os_sensor",
        "fields x y z intensity t reflectivity ring ambient range");
  }

  @Test
  void convertWritesOneFilePerFrameAndAnIndex() throws Exception {
    Path out = tmp.resolve("frames");
    Cli.Run r = Cli.run("convert", bag("lidar_lz4.bag"), out.toString(), "--topic", LIDAR,
        "--every", "2", "--start", "0.05");
    assertThat(r.code()).as(r.toString()).isZero();
    List<String> csv = Files.readAllLines(out.resolve("frames.csv"));
    assertThat(csv).containsExactly("index,log_time_ns,stamp_ns,frame_id,points,file",
        "0,1700000000107000000,1700000000100000000,os_sensor,256,1700000000.100000000.pcd",
        "2,1700000000307000000,1700000000300000000,os_sensor,256,1700000000.300000000.pcd");
    PointCloud frame = PointCloudIO.read(out.resolve("1700000000.100000000.pcd"));
    assertThat(frame.size()).isEqualTo(256);
    assertThat(frame.channelNames()).contains("intensity", "ring", "range");

    Path las = tmp.resolve("las");
    assertThat(Cli.run("convert", bag("lidar_zstd.mcap"), las.toString(), "--topic", CAMERA,
        "--format", "las").code()).isZero();
    try (Stream<Path> s = Files.list(las)) {
      assertThat(s.filter(p -> p.toString().endsWith(".las")).count()).isEqualTo(3);
    }
  }

  @Test
  void bagErrorsAreOneLine() throws Exception {
    Cli.Run two = Cli.run("convert", bag("lidar_zstd.mcap"), tmp.resolve("x").toString());
    assertThat(two.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(two.err().strip()).isEqualTo("pointea convert: " + bag("lidar_zstd.mcap")
        + ": has 2 point-cloud topics (" + LIDAR + ", " + CAMERA + "): choose one with --topic");
    Cli.Run imu = Cli.run("render", bag("lidar.db3"), "--topic", "/imu", "-o",
        tmp.resolve("i.png").toString());
    assertThat(imu.err()).contains("topic /imu carries sensor_msgs/msg/Imu, not "
        + "sensor_msgs/PointCloud2");
    Path file = Files.writeString(tmp.resolve("out.txt"), "x");
    Cli.Run toFile = Cli.run("convert", bag("lidar_zstd.mcap"), file.toString(), "--topic", LIDAR);
    assertThat(toFile.err()).contains("is a file; converting a bag writes one file per frame");
    Cli.Run notBag = Cli.run("convert", resource("las/laspy/simple.las").toString(),
        tmp.resolve("s.pcd").toString(), "--topic", LIDAR);
    assertThat(notBag.err()).contains("--topic, --every, --start and --end apply to bags");
    Path cut = tmp.resolve("cut.mcap");
    byte[] whole = Files.readAllBytes(Path.of(bag("lidar_uncompressed.mcap")));
    Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
    Cli.Run truncated = Cli.run("convert", cut.toString(), tmp.resolve("c").toString(), "--topic",
        LIDAR);
    assertThat(truncated.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(truncated.err().lines().filter(l -> l.startsWith("pointea convert: ")).toList())
        .singleElement().asString().contains("cut.mcap: byte ").contains("truncated");
  }

  @Test
  void rendersOneFrameOfABag() throws Exception {
    Path png = tmp.resolve("f.png");
    Cli.Run r = Cli.run("render", bag("lidar_unindexed.mcap"), "--topic", LIDAR, "--frame", "3",
        "-o", png.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(Files.size(png)).isGreaterThan(1000);
    assertThat(r.err()).contains("frame 3 of " + LIDAR + " (stamp 1700000000300000000 ns, frame "
        + "os_sensor)");
    Cli.Run past = Cli.run("render", bag("lidar_unindexed.mcap"), "--topic", LIDAR, "--frame",
        "9", "-o", png.toString());
    assertThat(past.err()).contains(LIDAR + " has 4 frames; --frame 9 is past its end");
  }

  @Test
  void lasToLasKeepsResolutionAndCoordinateSystem() throws Exception {
    Path out = tmp.resolve("a.las");
    Cli.Run r = Cli.run("convert", resource("las/laspy/autzen.las").toString(), out.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    var in = LasReader.readHeader(resource("las/laspy/autzen.las"));
    var h = LasReader.readHeader(out);
    assertThat(h.crsVlrs()).isEqualTo(in.crsVlrs());
    assertThat(h.scale()).isEqualTo(in.scale());
    assertThat(LasReader.read(out)).isEqualTo(LasReader.read(resource("las/laspy/autzen.las")));
    Path organized = tmp.resolve("cam.pcd");
    assertThat(Cli.run("convert", bag("lidar.db3"), tmp.resolve("cam").toString(), "--topic",
        CAMERA).code()).isZero();
    Path frame = tmp.resolve("cam").resolve("1700000000.030000000.pcd");
    Files.copy(frame, organized);
    Cli.Run nan = Cli.run("convert", organized.toString(), tmp.resolve("cam.las").toString());
    assertThat(nan.err()).contains("points have a NaN or infinite coordinate, which LAS cannot "
        + "store; remove them first (PointCloud.removeNonFinite, or --remove-non-finite)");
  }

  @Test
  void predictsEveryFrameAsTheConvertedFilesArePredicted() throws Exception {
    Path[] dr = TrainCommandTest.trained();
    Cli.Run bag = Cli.run("predict", "--run", dr[1].toString(), "--json", "--batch", "1",
        bag("lidar_zstd.mcap"), "--topic", LIDAR);
    assertThat(bag.code()).as(bag.toString()).isZero();
    List<JsonNode> frames = new ArrayList<>();
    for (String line : bag.out().lines().toList()) {
      frames.add(new ObjectMapper().readTree(line));
    }
    assertThat(frames).hasSize(4);
    assertThat(frames.get(1).get("stamp_ns").asLong()).isEqualTo(1700000000100000000L);
    assertThat(frames.get(1).get("frame_id").asText()).isEqualTo("os_sensor");
    Path dir = tmp.resolve("frames");
    assertThat(Cli.run("convert", bag("lidar_zstd.mcap"), dir.toString(), "--topic", LIDAR,
        "--remove-non-finite").code()).isZero();
    List<String> args = new ArrayList<>(List.of("predict", "--run", dr[1].toString(), "--json",
        "--batch", "1"));
    for (JsonNode f : frames) {
      args.add(dir.resolve(BagFrames.fileName(f.get("stamp_ns").asLong(), "pcd")).toString());
    }
    JsonNode files = new ObjectMapper().readTree(Cli.run(args.toArray(String[]::new)).out());
    for (int i = 0; i < frames.size(); i++) {
      assertThat(frames.get(i).get("class").asText()).isEqualTo(files.get(i).get("class").asText());
      assertThat(frames.get(i).get("probability").asDouble())
          .isEqualTo(files.get(i).get("probability").asDouble());
    }
    Cli.Run text = Cli.run("predict", "--run", dr[1].toString(), bag("lidar.db3"), "--topic",
        LIDAR, "--every", "3");
    assertThat(text.out().lines().toList()).hasSize(2).allMatch(l -> l.startsWith(LIDAR
        + " frame ") && l.contains("os_sensor  256 points: "));
  }
}
