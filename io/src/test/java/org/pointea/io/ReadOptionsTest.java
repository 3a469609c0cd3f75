package org.pointea.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pointea.io.text.TextLayout;

class ReadOptionsTest {
  @Test
  void defaultsKeepEverything() {
    ReadOptions d = ReadOptions.DEFAULT;
    assertThat(d.removeNonFinite()).isFalse();
    assertThat(d.autoOrigin()).isTrue();
    assertThat(d.wants("anything")).isTrue();
    assertThat(d.textLayout()).isNull();
  }

  @Test
  void builderRoundTrips() {
    ReadOptions o = ReadOptions.builder().optChannels("normals", "curvature")
        .optRemoveNonFinite(true).optTextLayout(TextLayout.MODELNET).optAutoOrigin(false).build();
    assertThat(o.wants("normals")).isTrue();
    assertThat(o.wants("colors")).isFalse();
    assertThat(o.toBuilder().build()).isEqualTo(o);
  }
}
