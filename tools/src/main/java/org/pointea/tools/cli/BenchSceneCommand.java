package org.pointea.tools.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pointea.tools.bench.Peers;
import org.pointea.tools.bench.SceneBench;
import org.pointea.tools.bench.SceneInferenceBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pointea bench scene}: runs {@link SceneBench}. */
@Command(
    name = "scene",
    mixinStandardHelpOptions = true,
    description = {
      "Scene training crops and whole-scan tiling, against numpy / SciPy.",
      "",
      "Training crops of synthetic rooms: PointNet's 1 m columns and kNN crops, ours",
      "against the reference loaders' numpy / SciPy code (tools/peers/scene_blocks.py),",
      "interleaved, with what the crops hold (distinct points, extent, class mix); then",
      "the tiling-and-voting sweep of whole-scan inference without a network.",
      "--infer: whole-scan inference of a scene model (random weights) on synthetic",
      "storeys of --sizes points against the same pipeline in PyTorch",
      "(tools/peers/scene_pytorch.py), each in its own process: wall time, peak RSS,",
      "points per second; then both networks' training step on blocks."
    })
public final class BenchSceneCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--rooms", defaultValue = "6", description = "Synthetic rooms (default ${DEFAULT-VALUE}).")
    int rooms;

    @Option(names = "--density", defaultValue = "2000",
            description = "Surface points per m2 before occlusion (default ${DEFAULT-VALUE}).")
    double density;

    @Option(names = "--blocks", defaultValue = "2000", description = "Crops per round (default ${DEFAULT-VALUE}).")
    int blocks;

    @Option(names = "--points", defaultValue = "4096", description = "Points per crop (default ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--rounds", defaultValue = "3", description = "Interleaved rounds (default ${DEFAULT-VALUE}; "
            + "--infer: 1 is enough).")
    int rounds;

    @Option(names = "--scan-points", defaultValue = "1000000",
            description = "Points of the scan the tiling sweep runs on (default ${DEFAULT-VALUE}).")
    int scanPoints;

    @Option(names = "--infer", description = "Measure whole-scan inference and training against PyTorch instead.")
    boolean infer;

    @Option(names = "--sizes", defaultValue = "1000000,10000000",
            description = "--infer: scan sizes in points (default ${DEFAULT-VALUE}).")
    String sizes;

    @Option(names = "--model", defaultValue = "light", description = "--infer: light or pct (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--stride", defaultValue = "1.0",
            description = "--infer: the step between 1 m tiles, metres (default ${DEFAULT-VALUE}).")
    float stride;

    @Option(names = "--batch", defaultValue = "8", description = "--infer: tiles per network call (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--xmx", defaultValue = "3g", description = "--infer: heap of our measuring JVM (default ${DEFAULT-VALUE}).")
    String xmx;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "--infer: where the scans and the model are written (default: the temporary folder).")
    String dir;

    @Option(names = "--no-train", description = "--infer: skip the training-step comparison.")
    boolean noTrain;

    @Option(names = "--no-peer", description = "Measure pointea only.")
    boolean noPeer;

    @Option(names = "--python", defaultValue = Peers.DEFAULT_PYTHON, paramLabel = "PYTHON",
            description = "Python with numpy and SciPy (default: ${DEFAULT-VALUE}).")
    String python;

    @Override
    public Integer call() throws Exception {
        if (infer) {
            List<String> a = new ArrayList<>(List.of("--sizes", sizes, "--model", model, "--stride",
                    Float.toString(stride), "--batch", Integer.toString(batch), "--rounds", Integer.toString(rounds),
                    "--xmx", xmx));
            if (dir != null) {
                a.addAll(List.of("--dir", dir));
            }
            if (noTrain) {
                a.add("--no-train");
            }
            if (json) {
                a.add("--json");
            }
            if (noPeer) {
                a.add("--no-peer");
            } else {
                a.addAll(List.of("--python", python));
            }
            BenchOutput.run(spec, out -> SceneInferenceBench.run(a.toArray(String[]::new), out, System.err));
            return ExitCodes.OK;
        }
        if (rooms < 1 || blocks < 1 || points < 1 || rounds < 1 || scanPoints < 1 || !(density >= 1)) {
            throw new UserException("--rooms, --blocks, --points, --rounds, --scan-points and --density must be at"
                    + " least 1");
        }
        List<String> args = new ArrayList<>(List.of("--rooms", Integer.toString(rooms), "--density",
                Double.toString(density), "--blocks", Integer.toString(blocks), "--points", Integer.toString(points),
                "--rounds", Integer.toString(rounds), "--scan-points", Integer.toString(scanPoints)));
        if (json) {
            args.add("--json");
        }
        if (noPeer) {
            args.add("--no-peer");
        } else {
            args.addAll(List.of("--python", python));
        }
        BenchOutput.run(spec, out -> SceneBench.run(args.toArray(String[]::new), out, System.err));
        return ExitCodes.OK;
    }
}
