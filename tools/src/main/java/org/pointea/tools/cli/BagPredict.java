package org.pointea.tools.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.pointea.io.bag.BagCursor;
import org.pointea.io.bag.BagFilter;
import org.pointea.io.bag.BagInfo;
import org.pointea.io.bag.BagReader;
import org.pointea.io.bag.CloudFrame;
import org.pointea.models.inference.Predictor;
import org.pointea.models.task.Prediction;
import org.pointea.models.task.classification.ClassScore;
import org.pointea.models.task.classification.Classification;
import org.pointea.models.task.partseg.PartSegmentation;

/**
 * {@code pointea predict --run RUN BAG}: runs the model on each frame of a point-cloud topic as it
 * is read (a batch of frames at a time, at most {@code --batch} in memory) and prints one result
 * per frame with its time stamp and frame id: the top classes for a classifier (a JSON object per
 * line with {@code --json}), the parts written as {@code OUT/STAMP-parts.ply} for a segmenter.
 */
final class BagPredict {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The options of the command that apply to a bag. */
  record Options(String topic, int every, String start, String end, int batch, int top,
      String category, Path outDir, boolean json) {}

  private BagPredict() {}

  /**
   * Predicts every selected frame of a bag.
   *
   * @return the number of frames that could not be predicted (no finite point)
   */
  static int run(Predictor p, Path bagPath, Options o, PrintWriter out, PrintWriter err)
      throws IOException {
    int failed = 0;
    try (BagReader bag = BagReader.open(bagPath)) {
      BagInfo info = bag.info();
      String topic = BagFrames.topic(bagPath.toString(), info, o.topic());
      BagFilter filter = BagFrames.filter(info, topic, o.every(), o.start(), o.end());
      List<CloudFrame> pending = new ArrayList<>();
      try (BagCursor<CloudFrame> frames = bag.frames(filter)) {
        for (CloudFrame f = frames.next(); ; f = frames.next()) {
          if (f != null) {
            CloudFrame finite = new CloudFrame(f.topic(), f.index(), f.timeNs(), f.stampNs(),
                f.frameId(), f.cloud().removeNonFinite());
            if (finite.cloud().isEmpty()) {
              failed++;
              err.println("pointea predict: " + bagPath + ": frame " + f.index() + " of " + topic
                  + " (stamp " + f.stampNs() + " ns) has no finite point; skipped");
            } else {
              pending.add(finite);
            }
          }
          if (pending.size() == o.batch() || (f == null && !pending.isEmpty())) {
            predict(p, bagPath, pending, o, out);
            pending.clear();
          }
          if (f == null) {
            break;
          }
        }
      }
    }
    return failed;
  }

  private static void predict(Predictor p, Path bag, List<CloudFrame> frames, Options o,
      PrintWriter out) throws IOException {
    List<Prediction> results = p.predictBatch(frames.stream().map(CloudFrame::cloud).toList(),
        o.category() == null ? null : Collections.nCopies(frames.size(), o.category()));
    for (int i = 0; i < frames.size(); i++) {
      CloudFrame f = frames.get(i);
      Prediction r = results.get(i);
      if (r instanceof Classification c) {
        report(out, bag, f, c, o);
      } else if (r instanceof PartSegmentation s) {
        report(out, bag, f, s, write(f, s.pointLabels(), o), o);
      } else {
        // another task: its per-point labels written as for a segmenter, else its summary
        int[] labels = r.pointLabels();
        report(out, bag, f, r, labels == null ? null : write(f, labels, o), o);
      }
    }
    out.flush();
  }

  private static Path write(CloudFrame f, int[] labels, Options o) throws IOException {
    return PredictCommand.write(o.outDir() != null ? o.outDir() : Path.of("."),
        Path.of(BagFrames.fileName(f.stampNs(), "ply")), f.cloud(), labels);
  }

  private static void report(PrintWriter out, Path bag, CloudFrame f, Prediction r, Path written,
      Options o) throws IOException {
    if (o.json()) {
      ObjectNode n = frame(bag, f);
      n.put("task", r.task());
      n.put("summary", r.summary());
      if (written != null) {
        n.put("output", written.toString());
      }
      out.println(MAPPER.writeValueAsString(n));
      return;
    }
    out.printf(Locale.ROOT, "%s frame %d  stamp %s  %s  %,d points: %s%s%n", f.topic(), f.index(),
        stamp(f), f.frameId(), f.cloud().size(), r.summary(),
        written == null ? "" : " -> " + written);
  }

  private static ObjectNode frame(Path bag, CloudFrame f) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("bag", bag.toString());
    n.put("topic", f.topic());
    n.put("index", f.index());
    n.put("log_time_ns", f.timeNs());
    n.put("stamp_ns", f.stampNs());
    n.put("frame_id", f.frameId());
    n.put("points", f.cloud().size());
    return n;
  }

  private static String stamp(CloudFrame f) {
    return String.format(Locale.ROOT, "%d.%09d", Math.floorDiv(f.stampNs(), 1_000_000_000L),
        Math.floorMod(f.stampNs(), 1_000_000_000L));
  }

  private static void report(PrintWriter out, Path bag, CloudFrame f, Classification c, Options o)
      throws IOException {
    List<ClassScore> best = c.top(o.top());
    if (o.json()) {
      ObjectNode n = frame(bag, f);
      n.put("class", c.name());
      n.put("class_index", c.index());
      n.put("probability", c.probability());
      ArrayNode t = n.putArray("top");
      for (ClassScore s : best) {
        t.addObject().put("class", s.name()).put("index", s.index())
            .put("probability", s.probability());
      }
      out.println(MAPPER.writeValueAsString(n));
      return;
    }
    StringBuilder sb = new StringBuilder();
    for (ClassScore s : best) {
      sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f%%",
          s.name(), 100 * s.probability()));
    }
    out.printf(Locale.ROOT, "%s frame %d  stamp %s  %s  %,d points: %s%n", f.topic(), f.index(),
        stamp(f), f.frameId(), f.cloud().size(), sb);
  }

  private static void report(PrintWriter out, Path bag, CloudFrame f, PartSegmentation s,
      Path written, Options o) throws IOException {
    int[] counts = s.partCounts();
    if (o.json()) {
      ObjectNode n = frame(bag, f);
      n.put("category", s.categoryName());
      n.put("output", written.toString());
      ObjectNode parts = n.putObject("parts");
      for (int j = 0; j < counts.length; j++) {
        parts.put(Integer.toString(s.firstPart() + j), counts[j]);
      }
      out.println(MAPPER.writeValueAsString(n));
      return;
    }
    out.printf(Locale.ROOT, "%s frame %d  stamp %s  %s  %,d points -> %s%n", f.topic(), f.index(),
        stamp(f), f.frameId(), f.cloud().size(), written);
  }
}
