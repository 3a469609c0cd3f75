package org.pointea.models.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.Backends;
import org.pointea.models.pct.PctClassifierConfig;

/**
 * The device check's parity path on the CPU backend (the GPU half runs in the device check): a
 * fixture written by one backend is met exactly by the same backend, a changed value fails with
 * its size, and a fixture of another network is refused. Skipped in the GPU bundle, which carries
 * no CPU backend.
 */
class ParityTest {
    @TempDir Path tmp;

    private static Backend cpu() {
        String why;
        try {
            return Backends.cpu();
        } catch (IllegalStateException | IllegalArgumentException e) {
            why = e.getMessage();
        }
        assumeTrue(false, "the parity path is checked on the CPU backend, which cannot run here (the GPU bundle"
                + " carries no ND4J): " + why);
        return null;
    }

    @Test
    void aFixtureIsMetByItsOwnBackendAndAChangedValueFails() throws Exception {
        Backend cpu = cpu();
        ParityCase c = new ParityCase("tiny", PctClassifierConfig.light(5).withPoints(128).withDropout(0), 2, 3, true);
        List<ParityCase> cases = List.of(c);
        Parity.write(tmp, cpu, cases);
        List<Map<String, Object>> same = Parity.compare(tmp, cpu, cases);
        assertThat(same).hasSize(1);
        assertThat(same.get(0)).containsEntry("passed", true).containsEntry("name", "tiny");
        assertThat(same.get(0).get("logits")).asString().contains("max_abs_diff=0.0");
        assertThat(same.get(0).get("logits_after_step")).asString().contains("max_abs_diff=0.0");

        ObjectMapper json = new ObjectMapper();
        Path f = tmp.resolve("tiny.json");
        ObjectNode doc = (ObjectNode) json.readTree(f.toFile());
        ArrayNode after = (ArrayNode) doc.get("logits_after_step");
        assertThat(after).hasSize(2 * 5);
        after.set(3, after.get(3).floatValue() + 1e-3f);
        json.writeValue(f.toFile(), doc);
        Map<String, Object> changed = Parity.compare(tmp, cpu, cases).get(0);
        assertThat(changed).containsEntry("passed", false);
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) changed.get("logits_after_step");
        assertThat((double) d.get("max_abs_diff")).isBetween(0.9e-3, 1.1e-3);

        ParityCase other = new ParityCase("tiny", PctClassifierConfig.light(6).withPoints(128), 2, 3, false);
        Map<String, Object> refused = Parity.compare(tmp, cpu, List.of(other)).get(0);
        assertThat(refused).containsEntry("passed", false);
        assertThat(refused.get("error")).asString().contains("rebuild the bundle");
        assertThat(Parity.compare(tmp, cpu, List.of()).get(0).get("error")).asString()
                .contains("no parity case tiny");
    }

    @Test
    void theDeviceCheckCoversEveryMixerAndBothPctNetworks() {
        List<String> names = ParityCase.ALL.stream().map(ParityCase::name).toList();
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(names).contains("cls-light-external", "cls-light-ufo", "cls-light-offset", "cls-light-self",
                "pct-classifier", "pct-segmenter");
        assertThat(ParityCase.ALL.stream().map(c -> c.config().toString()).distinct()).hasSize(names.size());
    }
}
