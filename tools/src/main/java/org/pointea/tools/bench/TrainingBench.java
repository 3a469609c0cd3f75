package org.pointea.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.synthetic.ShapeClass;
import org.pointea.io.dataset.synthetic.SyntheticModelNet;
import org.pointea.io.dataset.synthetic.SyntheticShapeNetPart;
import org.pointea.tools.Pointea;

/**
 * The end-to-end training check: synthesizes a 10-class ModelNet-style dataset and the demo
 * ShapeNet-part-style dataset in their real layouts, then runs {@code pointea train} and
 * {@code pointea eval} on each (in this JVM, exactly as on the command line) with the light
 * External-Attention networks, and prints the test scores with the wall and CPU time of each
 * training and the machine's load.
 *
 * <pre>
 * OMP_WAIT_POLICY=PASSIVE java -cp tools/target/pointea.jar org.pointea.tools.bench.TrainingBench \
 *     [--out /tmp/pointea-e2e] [--task cls|partseg|both] [--threads T] [--json]
 * </pre>
 */
public final class TrainingBench {
    /** The classification recipe (after {@code pointea train --data D --out R}). */
    static final String[] CLS_RECIPE = {"--model", "light", "--epochs", "12", "--batch", "16", "--optimizer", "adam",
        "--lr", "0.002", "--augment", "scale(0.8,1.25),translate(0.1),shuffle"};
    /** The part-segmentation recipe. */
    static final String[] SEG_RECIPE = {"--model", "light", "--epochs", "12", "--batch", "16", "--optimizer", "adam",
        "--lr", "0.002"};

    private TrainingBench() {
    }

    /**
     * Runs the check.
     *
     * @param args {@code [--out DIR] [--task cls|partseg|both] [--threads T] [--json]}
     * @throws IOException when the datasets cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of("/tmp/pointea-e2e");
        String task = "both";
        String threads = null;
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--task" -> task = args[++i];
                case "--threads" -> threads = args[++i];
                case "--json" -> json = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        if (!task.equals("partseg")) {
            Path data = out.resolve("modelnet10-synthetic/modelnet40_normal_resampled");
            if (!Files.exists(data.resolve("filelist.txt"))) {
                List<ShapeClass> classes = new ArrayList<>(List.of(ShapeClass.values()));
                classes.sort(Comparator.comparing(ShapeClass::id));
                SyntheticModelNet.builder().optClasses(classes.subList(0, 10)).optTrainPerClass(80)
                        .optTestPerClass(20).optPoints(1024).optSeed(7).build()
                        .write(data, DatasetLayout.MODELNET_NORMAL_RESAMPLED, DatasetProgress.NONE);
            }
            rows.add(run("cls", data, out.resolve("run-cls"), CLS_RECIPE, threads));
        }
        if (!task.equals("cls")) {
            Path data = out.resolve("shapenetpart-synthetic/shapenetcore_partanno_segmentation_benchmark_v0_normal");
            if (!Files.exists(data.resolve("synsetoffset2category.txt"))) {
                SyntheticShapeNetPart.demo().write(data, DatasetLayout.SHAPENET_PART_NORMAL, DatasetProgress.NONE);
            }
            rows.add(run("partseg", data, out.resolve("run-partseg"), SEG_RECIPE, threads));
        }
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
        } else {
            System.out.println("| task | test score | epochs | train wall s | train CPU s | samples/s | eval s "
                    + "| load before / after |");
            System.out.println("|---|---|---:|---:|---:|---:|---:|---|");
            for (Map<String, Object> r : rows) {
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %.0f | %.0f | %.1f | %.1f | %s |%n", r.get("task"),
                        r.get("score"), r.get("epochs"), r.get("train_wall_s"), r.get("train_cpu_s"),
                        r.get("samples_per_s"), r.get("eval_s"), r.get("load"));
            }
            for (Map<String, Object> r : rows) {
                System.out.println(r.get("task") + ": " + r.get("train_command"));
                System.out.println(r.get("task") + ": " + r.get("eval_command"));
            }
        }
    }

    private static Map<String, Object> run(String task, Path data, Path runDir, String[] recipe, String threads)
            throws IOException {
        if (Files.exists(runDir)) {
            try (var walk = Files.walk(runDir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        List<String> train = new ArrayList<>(List.of("train", "--task", task, "--data", data.toString(), "--out",
                runDir.toString()));
        train.addAll(List.of(recipe));
        if (threads != null) {
            train.addAll(List.of("--threads", threads));
        }
        train.add("--json");
        double load0 = load();
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        JsonNode t = execute(train);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (cpuNanos() - cpu0) / 1e9;
        List<String> eval = List.of("eval", "--run", runDir.toString(), "--json");
        long e0 = System.nanoTime();
        JsonNode e = execute(eval);
        double evalSeconds = (System.nanoTime() - e0) / 1e9;
        double load1 = load();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("task", task);
        row.put("score", task.equals("cls")
                ? String.format(Locale.ROOT, "OA %.2f %% (mAcc %.2f %%)", 100 * e.get("oa").asDouble(),
                        100 * e.get("macc").asDouble())
                : String.format(Locale.ROOT, "instance mIoU %.2f %% (class mIoU %.2f %%)",
                        100 * e.get("instance_miou").asDouble(), 100 * e.get("class_miou").asDouble()));
        row.put("epochs", t.get("epochs").asInt());
        row.put("best_epoch", t.get("best_epoch").asInt());
        row.put("train_wall_s", wall);
        row.put("train_cpu_s", cpu);
        row.put("samples_per_s", t.get("samples_per_s").asDouble());
        row.put("eval_s", evalSeconds);
        row.put("load", String.format(Locale.ROOT, "%.1f / %.1f", load0, load1));
        row.put("train_command", "pointea " + String.join(" ", quote(train.subList(0, train.size() - 1))));
        row.put("eval_command", "pointea " + String.join(" ", eval.subList(0, eval.size() - 1)));
        row.put("test", e);
        return row;
    }

    private static List<String> quote(List<String> args) {
        return args.stream().map(a -> a.contains("(") ? "'" + a + "'" : a).toList();
    }

    private static JsonNode execute(List<String> args) throws IOException {
        StringWriter out = new StringWriter();
        int code = Pointea.commandLine(new PrintWriter(out, true), new PrintWriter(System.err, true))
                .execute(args.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException("pointea " + String.join(" ", args) + " exited with " + code);
        }
        return new ObjectMapper().readTree(out.toString());
    }

    private static long cpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
