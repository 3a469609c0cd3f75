package org.pointea.models.pct;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pointea.models.network.ArchitectureProvider;
import org.pointea.models.network.NetworkConfig;

/** Registers PCT's networks: {@code pct_classifier} and {@code pct_segmenter}. */
public final class PctArchitectures implements ArchitectureProvider {
    @Override
    public Map<String, Class<? extends NetworkConfig>> architectures() {
        Map<String, Class<? extends NetworkConfig>> m = new LinkedHashMap<>();
        m.put(PctClassifierConfig.ARCHITECTURE, PctClassifierConfig.class);
        m.put(PctSegmenterConfig.ARCHITECTURE, PctSegmenterConfig.class);
        return m;
    }
}
