package org.pointea.models.nn;

/**
 * One sample-and-group stage of a batch, on the host: for each of {@code groups} centres, the
 * source row of the centre and the source rows of its {@code k} neighbours (global rows of the
 * stacked batch). {@link LocalOp} uploads the indices when it runs; the scatter plans of the
 * {@link ScatterPlan.Mode#PLAN} backward are built on first use (by {@link #prepare()} on the
 * loader thread when that mode is on). Immutable apart from that cache; thread-safe.
 */
public final class Neighborhoods {
    private final int groups;
    private final int k;
    private final int sourceRows;
    private final int[] centres;
    private final int[] neighbours;
    private volatile ScatterPlan neighbourPlan;
    private volatile ScatterPlan centrePlan;

    /**
     * @param centres    {@code groups} global source rows of the centres (kept, not copied)
     * @param neighbours {@code groups * k} global source rows, group-major (kept, not copied)
     * @param k          neighbours per centre
     * @param sourceRows rows of the feature table the indices point into
     * @throws IllegalArgumentException when the sizes disagree or an index is outside {@code [0, sourceRows)}
     */
    public Neighborhoods(int[] centres, int[] neighbours, int k, int sourceRows) {
        if (k <= 0 || neighbours.length != (long) centres.length * k) {
            throw new IllegalArgumentException("expected " + centres.length + " x " + k
                    + " neighbour indices, got " + neighbours.length);
        }
        check("centre", centres, sourceRows);
        check("neighbour", neighbours, sourceRows);
        this.groups = centres.length;
        this.k = k;
        this.sourceRows = sourceRows;
        this.centres = centres;
        this.neighbours = neighbours;
    }

    private static void check(String what, int[] idx, int bound) {
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= bound) {
                throw new IllegalArgumentException(what + " index " + idx[i] + " at " + i + " outside [0, " + bound
                        + ")");
            }
        }
    }

    /** Builds the scatter plans now when the {@link ScatterPlan.Mode#PLAN} backward is on (else nothing). */
    public Neighborhoods prepare() {
        if (ScatterPlan.mode() == ScatterPlan.Mode.PLAN) {
            neighbourPlan();
            centrePlan();
        }
        return this;
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

    /** Centre rows, {@code [groups]} (the array itself: do not modify). */
    public int[] centres() {
        return centres;
    }

    /** Neighbour rows, {@code [groups * k]} (the array itself: do not modify). */
    public int[] neighbours() {
        return neighbours;
    }

    /** Scatter plan for the neighbour gather. */
    public ScatterPlan neighbourPlan() {
        ScatterPlan p = neighbourPlan;
        if (p == null) {
            p = new ScatterPlan(neighbours, sourceRows);
            neighbourPlan = p;
        }
        return p;
    }

    /** Scatter plan for the centre gather. */
    public ScatterPlan centrePlan() {
        ScatterPlan p = centrePlan;
        if (p == null) {
            p = new ScatterPlan(centres, sourceRows);
            centrePlan = p;
        }
        return p;
    }
}
