package org.pointea.spark.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.apache.spark.BarrierTaskContext;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.models.trainer.Trainer;
import org.pointea.models.trainer.TrainerConfig;
import org.pointea.models.trainer.TrainingData;
import org.pointea.models.trainer.TrainingResult;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * One worker of the barrier stage: a {@link Trainer} sharded to its rank, exchanging gradients
 * (and batch-norm statistics) with the others through a {@link SocketExchange}. Worker 0 trains in the run directory itself and
 * writes its files; the others train in a private copy of it (taken before anyone writes, so all
 * start from the same checkpoint) that is deleted at the end.
 */
final class WorkerTask extends AbstractFunction1<Iterator<Integer>, Iterator<String>>
    implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final List<String> RUN_FILES = List.of(Trainer.RUN_FILE, Trainer.METRICS_FILE);

  private final String run;
  private final String configJson;
  private final BatchNormMode batchNorm;
  private final WorkerListeners listeners;
  private final int loaderThreads;

  WorkerTask(String run, String configJson, BatchNormMode batchNorm, WorkerListeners listeners,
      int loaderThreads) {
    this.run = run;
    this.configJson = configJson;
    this.batchNorm = batchNorm;
    this.listeners = listeners;
    this.loaderThreads = loaderThreads;
  }

  @Override
  public Iterator<String> apply(Iterator<Integer> ignored) {
    BarrierTaskContext ctx = BarrierTaskContext.get();
    int rank = ctx.partitionId();
    int workers = ctx.getTaskInfos().length;
    Path shared = Path.of(run);
    Path scratch = null;
    SocketExchange exchange = null;
    try {
      Path dir = shared;
      if (rank > 0) {
        scratch = Files.createTempDirectory("pointea-worker-" + rank + "-");
        dir = scratch.resolve("run");
        copyRun(shared, dir);
      }
      // doubles as the barrier before worker 0 writes: every worker must start from the same files
      String digest = digest(dir);
      String[] all = ctx.allGather(digest);
      for (int w = 0; w < all.length; w++) {
        if (!all[w].equals(digest)) {
          throw new IllegalStateException(run + ": worker " + w + " found another checkpoint than worker "
              + rank + " (it changed while the workers started); the stage is retried");
        }
      }
      TrainerConfig config = configJson == null ? null
          : TrainerConfig.fromJson(new ObjectMapper().readTree(configJson), shared.resolve(Trainer.RUN_FILE));
      exchange = SocketExchange.open(ctx);
      Trainer.Builder b = Trainer.builder(config, dir).optResume(true).optShard(rank, workers)
          .optGradientHook(new AveragingHook(exchange))
          .optBatchNormSync(batchNorm == BatchNormMode.SYNC ? exchange : null)
          .optListener(listeners.create(rank)).optLoaderThreads(loaderThreads);
      if (rank > 0) {
        // only worker 0 validates and keeps the best model; the others need the training shapes
        TrainerConfig used = config != null ? config : Trainer.savedConfig(dir);
        b.optDatasets(TrainingData.open(used.data(), used.trainSplit(), used.spec(), DatasetProgress.NONE), null);
      }
      TrainingResult r = b.build().fit();
      String line = rank + "\t" + ctx.stageAttemptNumber() + "\t" + r.epochs() + "\t" + r.bestEpoch() + "\t"
          + r.selectedOn() + "\t" + r.bestValue() + "\t" + r.seconds() + "\t" + r.samplesPerSecond();
      return CollectionConverters.asScala(List.of(line).iterator());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (exchange != null) {
        try {
          exchange.close();
        } catch (IOException e) {
          // closing a finished exchange
        }
      }
      if (scratch != null) {
        deleteTree(scratch);
      }
    }
  }

  /** Copies what a resume reads ({@code run.json}, {@code metrics.jsonl}, {@code last/}), if present. */
  static void copyRun(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (String f : RUN_FILES) {
      if (Files.isRegularFile(from.resolve(f))) {
        Files.copy(from.resolve(f), to.resolve(f), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Path last = from.resolve(Trainer.LAST);
    if (Files.isDirectory(last)) {
      try (Stream<Path> s = Files.walk(last)) {
        for (Path p : s.toList()) {
          Path target = to.resolve(from.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(target);
          } else {
            Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
  }

  /** A CRC over the names and bytes of {@code run.json} and {@code last/}: what the workers resume from. */
  static String digest(Path dir) throws IOException {
    CRC32 crc = new CRC32();
    Path runFile = dir.resolve(Trainer.RUN_FILE);
    if (Files.isRegularFile(runFile)) {
      crc.update(Files.readAllBytes(runFile));
    }
    Path last = dir.resolve(Trainer.LAST);
    if (Files.isDirectory(last)) {
      try (Stream<Path> s = Files.walk(last)) {
        for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
          crc.update(last.relativize(p).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
          crc.update(Files.readAllBytes(p));
        }
      }
    }
    return Long.toHexString(crc.getValue());
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover temporary folder is not worth failing a finished worker for
    }
  }
}
