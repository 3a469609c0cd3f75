package org.pointea.models.optim;

/**
 * Cosine annealing from {@code base} to {@code min} over {@code epochs}, PyTorch's
 * {@code CosineAnnealingLR}: {@code lr(e) = min + (base − min)(1 + cos(π e / epochs)) / 2}.
 *
 * @param base   learning rate at epoch 0
 * @param min    learning rate at the last epoch
 * @param epochs length of the schedule
 */
public record CosineSchedule(double base, double min, int epochs) {

    /** Validates. */
    public CosineSchedule {
        if (epochs <= 0 || base < 0 || min < 0) {
            throw new IllegalArgumentException("epochs must be positive and rates non-negative");
        }
    }

    /** The learning rate of {@code epoch} (clamped to the schedule). */
    public double at(int epoch) {
        int e = Math.max(0, Math.min(epoch, epochs));
        return min + (base - min) * (1 + Math.cos(Math.PI * e / epochs)) / 2;
    }
}
