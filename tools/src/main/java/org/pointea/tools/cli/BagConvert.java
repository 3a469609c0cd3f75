package org.pointea.tools.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.ReadOptions;
import org.pointea.io.WriteOptions;
import org.pointea.io.bag.BagCursor;
import org.pointea.io.bag.BagFilter;
import org.pointea.io.bag.BagInfo;
import org.pointea.io.bag.BagReader;
import org.pointea.io.bag.CloudFrame;
import org.pointea.pointcloud.PointCloud;

/**
 * {@code pointea convert BAG OUT_DIR}: one file per frame of a point-cloud topic, named by the
 * frame's stamp as {@code pcl_ros}'s {@code bag_to_pcd} names them, plus {@code frames.csv}
 * (index, log time, stamp, frame id, points, file), streaming: one frame in memory at a time.
 */
final class BagConvert {
  /** What the command asked for. */
  record Request(Path bag, Path outDir, String topic, int every, String start, String end,
      PointCloudFormat format, Encoding encoding, ReadOptions read) {}

  /** What was written. */
  record Result(String topic, int frames, long points) {}

  private BagConvert() {}

  static Result run(Request r, java.util.function.Consumer<String> log) throws IOException {
    if (Files.exists(r.outDir()) && !Files.isDirectory(r.outDir())) {
      throw new UserException(r.outDir() + ": is a file; converting a bag writes one file per frame"
          + " into a directory");
    }
    WriteOptions options = OutputOptions.options(r.format(), r.encoding(), r.outDir());
    try (BagReader bag = BagReader.open(r.bag())) {
      BagInfo info = bag.info();
      String topic = BagFrames.topic(r.bag().toString(), info, r.topic());
      BagFilter filter = BagFrames.filter(info, topic, r.every(), r.start(), r.end());
      Files.createDirectories(r.outDir());
      String ext = r.format().extensions().get(0);
      int frames = 0;
      long points = 0;
      Set<String> names = new HashSet<>();
      Path index = r.outDir().resolve("frames.csv");
      try (BufferedWriter csv = Files.newBufferedWriter(index, StandardCharsets.UTF_8);
          BagCursor<CloudFrame> cursor = bag.frames(filter, r.read())) {
        csv.write("index,log_time_ns,stamp_ns,frame_id,points,file\n");
        for (CloudFrame f = cursor.next(); f != null; f = cursor.next()) {
          PointCloud cloud = f.cloud();
          if (r.format() == PointCloudFormat.LAS && cloud.countNonFinite() > 0) {
            cloud = cloud.removeNonFinite(); // LAS has no NaN coordinates
          }
          String name = BagFrames.fileName(f.stampNs(), ext);
          if (!names.add(name)) {
            name = String.format(Locale.ROOT, "%s_%d.%s", name.substring(0,
                name.length() - ext.length() - 1), f.index(), ext);
          }
          OutputOptions.write(r.outDir().resolve(name), cloud, options);
          csv.write(f.index() + "," + f.timeNs() + "," + f.stampNs() + "," + csvField(f.frameId())
              + "," + cloud.size() + "," + name + "\n");
          frames++;
          points += cloud.size();
          if (frames % 100 == 0) {
            log.accept(String.format(Locale.ROOT, "%d frames written", frames));
          }
        }
      }
      return new Result(topic, frames, points);
    }
  }

  private static String csvField(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n")
        ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
