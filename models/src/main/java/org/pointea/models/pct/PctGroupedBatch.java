package org.pointea.models.pct;

import org.pointea.models.network.CloudBatch;
import org.pointea.models.network.PreparedBatch;
import org.pointea.models.nn.Neighborhoods;

/**
 * A batch with PCT's two sample-and-group stages as global row indices of the stacked batch (host
 * arrays; {@link PctCloudBackbone} uploads them when it runs). Made from a {@link PctInput}, whose
 * indices are local to each cloud.
 */
public final class PctGroupedBatch implements PreparedBatch {
    private final CloudBatch clouds;
    private final PctInput input;
    private final Neighborhoods stage0;
    private final Neighborhoods stage1;

    /** Globalises the input's indices (and builds the scatter plans when that backward is on). */
    public PctGroupedBatch(PctInput in) {
        this.input = in;
        this.clouds = CloudBatch.of(in.batch(), in.points(), in.xyz());
        this.stage0 = new Neighborhoods(globalise(in.fps0(), in.centres0(), in.points()),
                globalise(in.knn0(), in.centres0() * in.k(), in.points()), in.k(), in.batch() * in.points()).prepare();
        this.stage1 = new Neighborhoods(globalise(in.fps1(), in.centres1(), in.centres0()),
                globalise(in.knn1(), in.centres1() * in.k(), in.centres0()), in.k(), in.batch() * in.centres0())
                .prepare();
    }

    /** Adds each cloud's row offset: entry i of cloud b becomes {@code b·rowsPerCloud + idx[i]}. */
    static int[] globalise(int[] local, int perCloud, int rowsPerCloud) {
        int[] g = new int[local.length];
        for (int i = 0; i < local.length; i++) {
            g[i] = (i / perCloud) * rowsPerCloud + local[i];
        }
        return g;
    }

    @Override
    public CloudBatch clouds() {
        return clouds;
    }

    /** The grouping, indices local to each cloud. */
    public PctInput input() {
        return input;
    }

    /** First grouping stage (over the points). */
    public Neighborhoods stage0() {
        return stage0;
    }

    /** Second grouping stage (over the first stage's centres). */
    public Neighborhoods stage1() {
        return stage1;
    }
}
