package org.pointea.models.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonDiffTest {
    private static final ObjectMapper M = new ObjectMapper();

    @Test
    void listsChangedMissingAndExtraFields() throws Exception {
        var a = M.readTree("{\"x\":1,\"o\":{\"k\":\"ufo\",\"n\":[1,2]},\"gone\":true}");
        var b = M.readTree("{\"x\":2,\"o\":{\"k\":\"ufo\",\"n\":[1,3]},\"new\":null}");
        assertThat(JsonDiff.of(a, b)).containsExactly("x: 1 vs 2", "o.n: [1,2] vs [1,3]", "gone: true vs (none)",
                "new: (none) vs null");
        assertThat(JsonDiff.of(a, a)).isEmpty();
    }
}
