package org.pointea.models.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pointea.models.data.Preprocessing;
import org.pointea.models.pct.PctSegmenterConfig;
import org.pointea.models.testing.Tiny;
import org.pointea.pointcloud.PartTable;

/** The part table of a segmenter of one's own folders in model.json. */
class PartTableSpecTest {
    private static final Path FILE = Path.of("model.json");
    private static final PartTable TABLE = PartTable.of(List.of("chair", "lamp"),
            List.of(new int[] {0, 1, 2}, new int[] {0, 3}));

    private static ModelSpec spec() {
        return ModelSpec.of("light", PctSegmenterConfig.light().withParts(4, 2), TABLE.categoryNames(),
                Preprocessing.fpsUnitSphere()).withPartTable(TABLE);
    }

    @Test
    void roundTripsAndOldDirectoriesHaveNone() throws Exception {
        ObjectNode j = spec().toJson();
        assertThat(j.get("part_table").toString()).isEqualTo("[[0,1,2],[0,3]]");
        ModelSpec back = ModelSpec.fromJson(j, FILE);
        assertThat(back).isEqualTo(spec());
        assertThat(back.partTable()).isEqualTo(TABLE);
        assertThat(Tiny.segmenterSpec().partTable()).isNull();
        assertThat(Tiny.segmenterSpec().toJson().has("part_table")).isFalse();
        assertThat(ModelSpec.fromJson(Tiny.segmenterSpec().toJson(), FILE).partTable()).isNull();
    }

    @Test
    void aTableThatDoesNotFitIsRefused() {
        ObjectNode j = spec().toJson();
        j.putArray("part_table").addArray().add(0);
        assertThatThrownBy(() -> ModelSpec.fromJson(j, FILE)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("each of the 2 categories");
        ObjectNode k = spec().toJson();
        ((com.fasterxml.jackson.databind.node.ArrayNode) k.get("part_table").get(1)).add(7);
        assertThatThrownBy(() -> ModelSpec.fromJson(k, FILE)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("ids 0..7, the network predicts 4 parts");
        assertThatThrownBy(() -> ModelSpec.of("light", PctSegmenterConfig.light().withParts(4, 2),
                List.of("a", "b"), Preprocessing.fpsUnitSphere()).withPartTable(TABLE))
                .hasMessageContaining("are not the labels");
    }
}
