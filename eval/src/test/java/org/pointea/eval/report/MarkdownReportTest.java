package org.pointea.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pointea.eval.Metrics;

class MarkdownReportTest {
  @Test
  void tablesForEverySection() {
    Map<String, Number> e1 = new LinkedHashMap<>();
    e1.put("train_loss", 1.23456);
    e1.put("val_acc", 0.5);
    Report r = Report.builder("PCT | light")
        .optInfo("data", "ModelNet10")
        .optHistory(History.builder().add(1, e1).add(2, Map.of("train_loss", 0.9)).build())
        .optClassification(Metrics.classification(new int[] {0, 1, 1}, new int[] {0, 1, 0}, List.of("cat", "dog")))
        .optPartSegmentation(Metrics.partSegmentation(new int[] {36, 37}, new int[] {36, 37}, new int[] {11}))
        .build();
    String md = MarkdownReport.render(r, Map.of("Loss", "loss.png"));
    assertThat(md).startsWith("# PCT \\| light\n");
    assertThat(md).contains("| **data** | ModelNet10 |");
    assertThat(md).contains("| overall accuracy (OA) | 66.67 |");
    assertThat(md).contains("| mean class accuracy (mAcc) | 75.00 |");
    assertThat(md).contains("| class | support | predicted | accuracy | precision | recall | F1 |");
    assertThat(md).contains("| dog | 2 | 1 | 50.00 | 100.00 | 50.00 | 66.67 |");
    assertThat(md).contains("| instance mIoU | 100.00 |");
    assertThat(md).contains("| Mug | 1 | 100.00 |");
    assertThat(md).contains("| Airplane | 0 | – |");
    // scores in percent everywhere in the report, losses as they are
    assertThat(md).contains("| epoch | train_loss | val_acc (%) |");
    assertThat(md).contains("| 1 | 1.235 | 50.00 |");
    assertThat(md).contains("| 2 | 0.9000 | – |");
    assertThat(md).contains("![Loss](loss.png)");
    assertThat(md).endsWith("\n");
  }

  @Test
  void onlyATitleGivesOnlyATitle() {
    assertThat(MarkdownReport.render(Report.builder("x").build(), Map.of())).isEqualTo("# x\n\n");
  }

  @Test
  void formatsAndEscapes() {
    assertThat(MarkdownReport.pct(0.12345)).isEqualTo("12.35");
    assertThat(MarkdownReport.pct(Double.NaN)).isEqualTo("–");
    assertThat(MarkdownReport.number(Double.POSITIVE_INFINITY)).isEqualTo("–");
    assertThat(MarkdownReport.escape("a|b\nc")).isEqualTo("a\\|b c");
  }
}
