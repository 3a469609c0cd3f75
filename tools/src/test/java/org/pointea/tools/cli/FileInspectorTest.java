package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileInspectorTest {

  @Test
  void readsTheFaceCountOfEveryOffHeaderStyle(@TempDir Path dir) throws IOException {
    String[][] cases = {
      {"OFF\n8 6 12\n", "6"},
      {"OFF8 6 12\n", "6"},              // ModelNet's glued header
      {"\t   OFF8 6 12 # or nah\n", "6"}, // trimesh's whitespace.off
      {"# comment\n\nOFF\n# more\n  4 2 0\n", "2"},
      {"COFF 3 1 0\n", "1"},
      {"8 6 12\n", "6"},                 // keyword omitted
    };
    for (String[] c : cases) {
      Path p = dir.resolve("m.off");
      Files.writeString(p, c[0] + "0 0 0\n");
      assertThat(FileInspector.offFaceCount(p)).as(c[0]).isEqualTo(Long.parseLong(c[1]));
    }
  }

  @Test
  void describesAMeshAndABatch() throws IOException {
    FileInfo cube = FileInspector.inspect(PointeaProcess.resource("real/cube.ply"));
    assertThat(cube.faces()).isEqualTo(6);
    assertThat(cube.triangles()).isEqualTo(12);
    assertThat(cube.bounds().min()).containsExactly(0, 0, 0);
    assertThat(cube.bounds().max()).containsExactly(1, 1, 1);
    FileInfo h5 = FileInspector.inspect(
        PointeaProcess.resource("real/shapenet_part_ply_data_plain.h5"));
    assertThat(h5.batch().labelRange()).containsExactly(0, 15);
    assertThat(h5.batch().partRange()[1]).isLessThan(50);
  }
}
