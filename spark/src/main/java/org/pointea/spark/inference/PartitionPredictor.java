package org.pointea.spark.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.CRC32C;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.dataset.Task;
import org.pointea.io.pcd.PcdWriteOptions;
import org.pointea.io.pcd.PcdWriter;
import org.pointea.io.ply.PlyWriteOptions;
import org.pointea.io.ply.PlyWriter;
import org.pointea.models.task.Prediction;
import org.pointea.models.task.classification.ClassScore;
import org.pointea.models.task.classification.Classification;
import org.pointea.models.task.partseg.PartSegmentation;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.IntChannel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.spark.internal.HadoopFiles;

/**
 * Turns a partition's inputs into result rows, lazily: reads and decodes inputs until a
 * micro-batch of {@code batchSize} clouds is full, runs it through the executor's predictor, and
 * hands out its rows before reading more. An input that cannot be read, decoded or predicted
 * becomes a row with only its key and {@code error} set; it never fails the task. When a batch
 * fails as a whole, its clouds are retried one by one so that only the bad one becomes an error
 * row.
 */
final class PartitionPredictor implements Iterator<Row> {
  private final InferenceSettings settings;
  private final Iterator<InputRecord> inputs;
  private final ArrayDeque<Row> ready = new ArrayDeque<>();

  private record Decoded(String key, PointCloud cloud, String category) {}

  PartitionPredictor(InferenceSettings settings, Iterator<InputRecord> inputs) {
    this.settings = settings;
    this.inputs = inputs;
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && inputs.hasNext()) {
      fill();
    }
    return !ready.isEmpty();
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  private void fill() {
    List<Decoded> batch = new ArrayList<>(settings.batchSize());
    while (batch.size() < settings.batchSize() && inputs.hasNext()) {
      InputRecord in = inputs.next();
      String key = in.key() == null ? "<null>" : in.key();
      try {
        PointCloud cloud = settings.encoding().decode(in.read(settings.maxBytes()), key);
        if (cloud.size() == cloud.countNonFinite()) {
          ready.add(error(key, key + ": no point with finite coordinates ("
              + cloud.size() + " points read)"));
          continue;
        }
        String category = in.category() != null ? in.category() : settings.category();
        if (settings.task() == Task.PART_SEGMENTATION && category == null) {
          ready.add(error(key, key + ": no object category (set one for the job, or a category"
              + " column)"));
          continue;
        }
        batch.add(new Decoded(key, cloud, category));
      } catch (IOException | RuntimeException e) {
        ready.add(error(key, message(key, e)));
      }
    }
    if (!batch.isEmpty()) {
      predict(batch);
    }
  }

  private void predict(List<Decoded> batch) {
    List<Prediction> answers;
    try {
      answers = run(batch);
    } catch (ModelUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        ready.add(error(batch.get(0).key(), message(batch.get(0).key(), e)));
        return;
      }
      for (Decoded d : batch) {
        predict(List.of(d));
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      ready.add(row(batch.get(i), answers.get(i)));
    }
  }

  private List<Prediction> run(List<Decoded> batch) {
    ExecutorModels.Shared shared;
    try {
      shared = ExecutorModels.get(settings);
    } catch (IOException e) {
      // the model was checked on the driver: losing it here is the executor's problem, so the
      // task fails and Spark retries it elsewhere
      throw new ModelUnavailableException(e);
    }
    List<PointCloud> clouds = new ArrayList<>(batch.size());
    List<String> categories = settings.task() == Task.CLASSIFICATION ? null
        : new ArrayList<>(batch.size());
    for (Decoded d : batch) {
      clouds.add(d.cloud());
      if (categories != null) {
        categories.add(d.category());
      }
    }
    shared.lock().lock();
    try {
      return shared.predictor().predictBatch(clouds, categories);
    } finally {
      shared.lock().unlock();
    }
  }

  private Row row(Decoded d, Prediction p) {
    int points = d.cloud().size();
    if (p instanceof Classification c) {
      List<ClassScore> top = c.top(settings.topK());
      String[] names = new String[top.size()];
      float[] scores = new float[top.size()];
      for (int i = 0; i < names.length; i++) {
        names[i] = top.get(i).name();
        scores[i] = (float) top.get(i).probability();
      }
      return RowFactory.create(d.key(), points, c.name(), c.index(), (float) c.probability(),
          names, scores, null);
    }
    PartSegmentation s = (PartSegmentation) p;
    int[] labels = s.labels();
    String written = settings.labelledDir() == null ? null : writeLabelled(d, labels);
    return RowFactory.create(d.key(), points, s.categoryName(), labels, written, null);
  }

  private String writeLabelled(Decoded d, int[] labels) {
    PointFileName name = PointFileName.of(d.key(), settings.labelledFormat());
    String target = settings.labelledDir().replaceAll("/+$", "") + "/" + name.value();
    PointCloud labelled = d.cloud().withChannel(new IntChannel(Channel.LABELS, 1, labels));
    try {
      HadoopFiles.writeAtomically(target, settings.hadoop().get(), out -> {
        var ch = Channels.newChannel(out);
        if (settings.labelledFormat() == PointCloudFormat.PCD) {
          PcdWriter.write(ch, labelled, PcdWriteOptions.binary());
        } else {
          PlyWriter.write(ch, labelled, null, PlyWriteOptions.binaryLittleEndian());
        }
      });
    } catch (IOException e) {
      // the output store failed, not the input: fail the task so that Spark retries it
      throw new UncheckedIOException("cannot write " + target, e);
    }
    return target;
  }

  private Row error(String key, String message) {
    Object[] v = new Object[ResultSchema.of(settings.task(), settings.keyColumn()).size()];
    v[0] = key;
    v[v.length - 1] = message;
    return RowFactory.create(v);
  }

  /** One line naming the input: the reader's message when it names it, else key and cause. */
  static String message(String key, Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (!(e instanceof IOException)) {
      m = e.getClass().getSimpleName() + ": " + m;
    }
    m = m.replace('\n', ' ').replace('\r', ' ');
    return m.startsWith(key) ? m : key + ": " + m;
  }

  /** Thrown on an executor that cannot load the model the driver checked. */
  static final class ModelUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ModelUnavailableException(IOException cause) {
      super("this executor cannot load the model: " + cause.getMessage(), cause);
    }
  }

  /** The name of a labelled cloud: the input's base name and a hash of its full path. */
  record PointFileName(String value) {
    static PointFileName of(String key, PointCloudFormat format) {
      String base = key.substring(key.lastIndexOf('/') + 1);
      int dot = base.lastIndexOf('.');
      if (dot > 0) {
        base = base.substring(0, dot);
      }
      base = base.replaceAll("[^A-Za-z0-9._-]", "_");
      CRC32C crc = new CRC32C();
      crc.update(key.getBytes(StandardCharsets.UTF_8));
      return new PointFileName(String.format("%s-%08x.%s", base, crc.getValue(),
          format.extensions().get(0)));
    }
  }
}
