package org.pointea.eval.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RenderOptionsTest {
  @Test
  void defaultsAndCopies() {
    RenderOptions d = RenderOptions.defaults();
    assertThat(d.width()).isEqualTo(512);
    assertThat(d.views()).containsExactly(View.ISOMETRIC);
    assertThat(d.colorBy()).isEqualTo(ColorBy.AUTO);
    assertThat(d.upAxis()).isEqualTo(UpAxis.Y);
    assertThat(d.background()).isEqualTo(0xffffff);
    RenderOptions three = d.toBuilder().optViews(3).optBackground(0xff000000).build();
    assertThat(three.views()).hasSize(3);
    assertThat(three.background()).isZero();
    assertThat(three.width()).isEqualTo(512);
    assertThat(three.toString()).contains("[front, side, top]").contains("point size auto");
  }

  @Test
  void rejectsBadValues() {
    assertThatThrownBy(() -> RenderOptions.builder().optSize(4, 100).build()).hasMessageContaining("8 to 8192");
    assertThatThrownBy(() -> RenderOptions.builder().optViews(List.of()).build()).hasMessageContaining("1 to 36 views");
    assertThatThrownBy(() -> RenderOptions.builder().optPointSize(-1).build()).hasMessageContaining("point size");
    assertThatThrownBy(() -> RenderOptions.builder().optMargin(1).build()).hasMessageContaining("margin");
    assertThatThrownBy(() -> RenderOptions.builder().optDepthShading(2).build()).hasMessageContaining("shading");
    assertThatThrownBy(() -> RenderOptions.builder().optSize(8000, 100).optViews(8).build())
        .hasMessageContaining("too wide");
  }
}
