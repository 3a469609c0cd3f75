package org.pointea.models.pct;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pointea.models.network.ArchitectureProvider;
import org.pointea.models.network.NetworkConfig;

/** Registers PCT's networks: {@code pct_classifier}, {@code pct_segmenter} and {@code pct_semseg}. */
public final class PctArchitectures implements ArchitectureProvider {
    @Override
    public Map<String, Class<? extends NetworkConfig>> architectures() {
        Map<String, Class<? extends NetworkConfig>> m = new LinkedHashMap<>();
        m.put(PctClassifierConfig.ARCHITECTURE, PctClassifierConfig.class);
        m.put(PctSegmenterConfig.ARCHITECTURE, PctSegmenterConfig.class);
        m.put(PctSemSegConfig.ARCHITECTURE, PctSemSegConfig.class);
        return m;
    }
}
