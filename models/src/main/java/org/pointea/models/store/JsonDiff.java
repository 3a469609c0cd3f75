package org.pointea.models.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Field-by-field differences of two JSON trees (configurations), for messages such as
 * {@code model.config.mixer.kind: external vs ufo}. Objects are compared key by key (dotted paths),
 * lists of plain values as a whole.
 */
public final class JsonDiff {
    private JsonDiff() {
    }

    /**
     * The differences, one {@code path: a vs b} entry per differing or one-sided field
     * ({@code (none)} for a missing one); empty when the trees agree.
     */
    public static List<String> of(JsonNode a, JsonNode b) {
        Map<String, String> fa = new LinkedHashMap<>();
        Map<String, String> fb = new LinkedHashMap<>();
        flatten("", a, fa);
        flatten("", b, fb);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : fa.entrySet()) {
            String other = fb.get(e.getKey());
            if (!e.getValue().equals(other)) {
                out.add(e.getKey() + ": " + e.getValue() + " vs " + (other == null ? "(none)" : other));
            }
        }
        for (Map.Entry<String, String> e : fb.entrySet()) {
            if (!fa.containsKey(e.getKey())) {
                out.add(e.getKey() + ": (none) vs " + e.getValue());
            }
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n == null) {
            return;
        }
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (n.isArray() && (n.isEmpty() || n.get(0).isValueNode())) {
            out.put(prefix, n.toString());
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                flatten(prefix + "[" + i + "]", n.get(i), out);
            }
        } else {
            out.put(prefix, n.isTextual() ? n.asText() : n.toString());
        }
    }
}
