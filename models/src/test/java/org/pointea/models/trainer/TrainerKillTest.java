package org.pointea.models.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.models.optim.OptimizerSpec;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.testing.Tiny;

/**
 * Kills training processes with SIGKILL, mid-epoch and inside a checkpoint write, resumes them, and
 * compares the end result bit for bit with an uninterrupted run. The training runs in child JVMs
 * ({@link #main}); a child announces on stdout where it paused, and the test kills it there.
 */
class TrainerKillTest {
    private static final String PAUSED = "PAUSED ";

    @TempDir
    Path tmp;

    /**
     * The child: {@code data run [pause-at-step S | pause-in-commit N]}: trains (or resumes) the tiny
     * classifier of {@link TrainerTest#config()} with two loader threads; optionally prints
     * {@code PAUSED ...} and sleeps after global step S, or inside the N-th write of {@code last/}
     * (its payloads are on disk, {@code model.json} not yet replaced).
     */
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path run = Path.of(args[1]);
        String mode = args.length > 2 ? args[2] : "";
        int n = args.length > 3 ? Integer.parseInt(args[3]) : -1;
        TrainerKillTest.data = data;
        AtomicInteger lastWrites = new AtomicInteger();
        Trainer.builder(config(), run).optResume(true).optLoaderThreads(2).optListener(new TrainingListener() {
            @Override
            public void onBatch(BatchProgress p) {
                if (mode.equals("step") && p.epoch() * p.batches() + p.batch() == n) {
                    pause("after step " + n);
                }
            }
        }).optWriteObserver((stage, dir) -> {
            if (mode.equals("commit") && stage.equals("commit") && dir.getFileName().toString().equals("last")
                    && lastWrites.incrementAndGet() == n) {
                pause("inside the write of " + dir);
            }
        }).build().fit();
        System.out.println("DONE");
        System.out.flush();
        System.exit(0);
    }

    static Path data;

    static TrainerConfig config() {
        return TrainerConfig.builder(Tiny.classifierSpec()).setData(data).optEpochs(2).optBatchSize(4)
                .optEvalBatchSize(8).optOptimizer(OptimizerSpec.pct().withLr(0.05, 1e-3))
                .optAugmentation("pct").optSeed(11).optCheckpointEvery(3).optEngineThreads(1).build();
    }

    private static void pause(String where) {
        System.out.println(PAUSED + where);
        System.out.flush();
        try {
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("not killed");
    }

    /** Runs a child to its end, or until it pauses and is killed; returns its stdout lines. */
    private static List<String> child(Path data, Path run, String... pauseAt) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), TrainerKillTest.class.getName(),
                data.toString(), run.toString()));
        cmd.addAll(List.of(pauseAt));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                if (line.startsWith(PAUSED)) {
                    p.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
                    break;
                }
            }
        }
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return lines;
    }

    @Test
    void runsKilledMidEpochAndMidCheckpointEndWithTheSameWeights() throws Exception {
        data = Tiny.modelNet(tmp, 12, 4);
        Path reference = tmp.resolve("reference");
        assertThat(child(data, reference)).as("uninterrupted run").contains("DONE");

        Path run = tmp.resolve("killed");
        // 8 steps per epoch; checkpoints after steps 3 and 6, epoch end 8, then 9, 12, 15, epoch end 16
        List<String> first = child(data, run, "step", "5");
        assertThat(first).as("first run").anyMatch(l -> l.startsWith(PAUSED + "after step 5"));
        assertThat(state(run).get("global_step").asInt()).isEqualTo(3);

        // resumes at step 3, then is killed while writing its second checkpoint (the epoch-end one)
        List<String> second = child(data, run, "commit", "2");
        assertThat(second).as("second run").anyMatch(l -> l.startsWith(PAUSED + "inside the write"));
        assertThat(state(run).get("global_step").asInt()).isEqualTo(6);
        try (var files = Files.list(run.resolve(Trainer.LAST))) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("weights-")).count())
                    .as("a written but uncommitted payload next to the committed one").isEqualTo(2);
        }

        List<String> third = child(data, run);
        assertThat(third).as("resumed run").contains("DONE");
        TrainerTest.assertSameRun(reference, run);
    }

    private static com.fasterxml.jackson.databind.JsonNode state(Path run) throws IOException {
        return ModelDirectory.open(run.resolve(Trainer.LAST)).training().orElseThrow().get("state");
    }
}
