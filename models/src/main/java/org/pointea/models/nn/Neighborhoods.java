package org.pointea.models.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One sample-and-group stage of a batch, as device arrays: for each of {@code groups} centres, the
 * source row of the centre and the source rows of its {@code k} neighbours (global rows of the
 * stacked batch), plus the scatter plans the backward pass needs.
 */
public final class Neighborhoods implements AutoCloseable {
    private final int groups;
    private final int k;
    private final int sourceRows;
    private final INDArray centres;
    private final INDArray neighbours;
    private final ScatterPlan neighbourPlan;
    private final ScatterPlan centrePlan;

    /**
     * @param centres    {@code groups} global source rows of the centres
     * @param neighbours {@code groups * k} global source rows, group-major
     * @param k          neighbours per centre
     * @param sourceRows rows of the feature table the indices point into
     */
    public Neighborhoods(int[] centres, int[] neighbours, int k, int sourceRows) {
        if (k <= 0 || neighbours.length != (long) centres.length * k) {
            throw new IllegalArgumentException("expected " + centres.length + " x " + k
                    + " neighbour indices, got " + neighbours.length);
        }
        this.groups = centres.length;
        this.k = k;
        this.sourceRows = sourceRows;
        this.neighbourPlan = new ScatterPlan(neighbours, sourceRows);
        this.centrePlan = new ScatterPlan(centres, sourceRows);
        this.centres = Nd4j.createFromArray(centres);
        this.neighbours = Nd4j.createFromArray(neighbours);
    }

    /** Number of centres (batch × centres per cloud). */
    public int groups() {
        return groups;
    }

    /** Neighbours per centre. */
    public int k() {
        return k;
    }

    /** Rows of the source feature table. */
    public int sourceRows() {
        return sourceRows;
    }

    /** Centre rows, int32 {@code [groups]}. */
    public INDArray centres() {
        return centres;
    }

    /** Neighbour rows, int32 {@code [groups * k]}. */
    public INDArray neighbours() {
        return neighbours;
    }

    /** Scatter plan for the neighbour gather. */
    public ScatterPlan neighbourPlan() {
        return neighbourPlan;
    }

    /** Scatter plan for the centre gather. */
    public ScatterPlan centrePlan() {
        return centrePlan;
    }

    @Override
    public void close() {
        neighbourPlan.close();
        centrePlan.close();
        centres.close();
        neighbours.close();
    }
}
