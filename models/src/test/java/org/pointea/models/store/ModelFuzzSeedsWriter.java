package org.pointea.models.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.network.Network;
import org.pointea.models.testing.Tiny;

/**
 * Writes the committed seeds of {@link ModelDirectoryFuzzTest}: the tiny classifier's
 * {@code model.json} (its weights are rebuilt the same by the target, seed 1), the issue's
 * configuration reproducers, and its weights file. Run on request:
 * {@code mvn -pl models -am test -Dtest=ModelFuzzSeedsWriter -Dpointea.fuzz.writeSeeds=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ModelFuzzSeedsWriter {
    private static final Path DIR = Path.of("src/test/resources/org/pointea/models/store/ModelDirectoryFuzzTestInputs");

    @TempDir
    Path tmp;

    @Test
    @EnabledIfSystemProperty(named = "pointea.fuzz.writeSeeds", matches = "true")
    void write() throws IOException {
        Path saved = tmp.resolve("m");
        try (Network net = Tiny.classifier().create(Backends.cpu(), DType.FLOAT, 1)) {
            ModelDirectory.write(saved, Tiny.classifierSpec(), net.parameters(), null, null);
        }
        Path manifests = Files.createDirectories(DIR.resolve("manifest"));
        byte[] json = Files.readAllBytes(saved.resolve(ModelDirectory.MANIFEST));
        Files.write(manifests.resolve("model.json"), json);
        ObjectMapper m = new ObjectMapper();
        for (String[] edit : new String[][] {{"fuse", "1000000"}, {"local0", "100000000"},
                {"points", "1000000000"}}) {
            ObjectNode root = (ObjectNode) m.readTree(json);
            ((ObjectNode) root.get("model").get("config")).put(edit[0], Long.parseLong(edit[1]));
            Files.write(manifests.resolve("e_" + edit[0] + ".json"), m.writeValueAsBytes(root));
        }
        Path weights = Files.createDirectories(DIR.resolve("weights"));
        try (DirectoryStream<Path> s = Files.newDirectoryStream(saved, "weights-*.npz")) {
            Files.copy(s.iterator().next(), weights.resolve("tiny.npz"));
        }
    }
}
