import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.pointea.io.PointCloudIO;
import org.pointea.io.ply.PlyWriteOptions;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.data.Preprocessing;
import org.pointea.models.network.Network;
import org.pointea.models.pct.PctClassifierConfig;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.store.ModelSpec;
import org.pointea.pointcloud.PointCloud;

/**
 * Writes the inputs of spark/bench/inference.sh: the light EA classifier of `pointea train --model
 * light` (40 classes, 512 points; random weights: time does not depend on them) as a model
 * directory, and FILES binary PLY scans of POINTS points (seeded noisy ellipsoid shells).
 * Usage: java -cp CP MakeBenchInputs.java OUT FILES POINTS
 */
public final class MakeBenchInputs {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int files = Integer.parseInt(args[1]);
        int points = Integer.parseInt(args[2]);
        PctClassifierConfig cfg = PctClassifierConfig.light(40);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            names.add(String.format("class%02d", i));
        }
        try (Network net = cfg.create(Backends.cpu(), DType.FLOAT, 1)) {
            ModelDirectory.write(out.resolve("light-cls"), ModelSpec.of("light", cfg, names,
                    Preprocessing.fpsUnitSphere()), net.parameters(), null, null);
        }
        Path scans = Files.createDirectories(out.resolve("scans"));
        for (int f = 0; f < files; f++) {
            SplittableRandom r = new SplittableRandom(f);
            float[] xyz = new float[3 * points];
            double a = r.nextDouble(0.5, 3), b = r.nextDouble(0.5, 3), c = r.nextDouble(0.5, 3);
            for (int i = 0; i < points; i++) {
                double u = r.nextDouble(-1, 1), t = r.nextDouble(0, 2 * Math.PI), s = Math.sqrt(1 - u * u);
                xyz[3 * i] = (float) (a * s * Math.cos(t) + 0.01 * r.nextGaussian());
                xyz[3 * i + 1] = (float) (b * s * Math.sin(t) + 0.01 * r.nextGaussian());
                xyz[3 * i + 2] = (float) (c * u + 0.01 * r.nextGaussian());
            }
            PointCloudIO.write(scans.resolve(String.format("scan-%05d.ply", f)), PointCloud.of(xyz),
                    PlyWriteOptions.binaryLittleEndian());
        }
    }
}
