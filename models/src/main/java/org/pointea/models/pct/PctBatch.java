package org.pointea.models.pct;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pointea.models.nn.Neighborhoods;

/**
 * A {@link PctInput} moved to the device: positions as {@code [B·N, 3]} and both grouping stages as
 * global row indices with their scatter plans. Preparing costs O(B·S·k) Java work over the index
 * arrays (no tensor math), so a data loader can prepare the next batch while the network trains.
 */
public final class PctBatch implements AutoCloseable {
    private final int batch;
    private final int points;
    private final int centres0;
    private final int centres1;
    private final INDArray xyz;
    private final Neighborhoods stage0;
    private final Neighborhoods stage1;

    /** Prepares {@code in} with arrays of type {@code dt}. */
    public PctBatch(PctInput in, DataType dt) {
        this.batch = in.batch();
        this.points = in.points();
        this.centres0 = in.centres0();
        this.centres1 = in.centres1();
        this.xyz = Nd4j.createFromArray(in.xyz()).reshape((long) batch * points, 3).castTo(dt);
        this.stage0 = new Neighborhoods(globalise(in.fps0(), centres0, points), globalise(in.knn0(),
                centres0 * in.k(), points), in.k(), batch * points);
        this.stage1 = new Neighborhoods(globalise(in.fps1(), centres1, centres0), globalise(in.knn1(),
                centres1 * in.k(), centres0), in.k(), batch * centres0);
    }

    /** Adds each cloud's row offset: entry i of cloud b becomes {@code b·rowsPerCloud + idx[i]}. */
    static int[] globalise(int[] local, int perCloud, int rowsPerCloud) {
        int[] g = new int[local.length];
        for (int i = 0; i < local.length; i++) {
            g[i] = (i / perCloud) * rowsPerCloud + local[i];
        }
        return g;
    }

    /** Clouds B. */
    public int batch() {
        return batch;
    }

    /** Points per cloud N. */
    public int points() {
        return points;
    }

    /** First-stage centres per cloud. */
    public int centres0() {
        return centres0;
    }

    /** Second-stage centres per cloud. */
    public int centres1() {
        return centres1;
    }

    /** Positions {@code [B·N, 3]}. */
    public INDArray xyz() {
        return xyz;
    }

    /** First grouping stage. */
    public Neighborhoods stage0() {
        return stage0;
    }

    /** Second grouping stage. */
    public Neighborhoods stage1() {
        return stage1;
    }

    @Override
    public void close() {
        xyz.close();
        stage0.close();
        stage1.close();
    }
}
