package org.pointea.io.dataset.scene;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pointea.pointcloud.RandomStreams;

/**
 * Carves a validation split out of training scenes that have none (S3DIS; labelled scans without
 * a {@code val.txt}): the {@code round(fraction * n)} scenes with the smallest hash of their id (at
 * least one when there are two or more and the fraction is positive). The choice depends only on
 * the ids, so it is the same on every machine and in both layouts of the synthetic scenes.
 */
public final class SceneSplits {
    private SceneSplits() {
    }

    /**
     * Returns the ids held out for validation.
     *
     * @param ids the training scenes' ids (e.g. {@code Area_1/office_3})
     * @param fraction the share held out, in {@code [0, 1)}
     * @return the held-out ids
     */
    public static Set<String> validation(List<String> ids, double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + fraction);
        }
        int n = ids.size();
        int take = (int) Math.round(fraction * n);
        if (take == 0 && fraction > 0 && n >= 2) {
            take = 1;
        }
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(Comparator.comparingLong(SceneSplits::hash).thenComparing(Comparator.naturalOrder()));
        return new HashSet<>(sorted.subList(0, take));
    }

    /** Returns a stable 64-bit hash of an id. */
    static long hash(String id) {
        long h = 0;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h = h * 1_000_003L + (b & 0xff);
        }
        return RandomStreams.derive(h, 15);
    }
}
