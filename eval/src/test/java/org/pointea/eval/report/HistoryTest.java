package org.pointea.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
  @TempDir Path dir;

  private Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("metrics.jsonl"), text);
  }

  @Test
  void readsNumericFieldsPerEpoch() throws IOException {
    History h = History.readJsonLines(file("""
        {"epoch": 1, "train_loss": 2.5, "val_acc": 0.4, "time": "12:00", "ok": true, "lr": 0.01}
        
        {"epoch": 2, "train_loss": 1.5, "val_acc": null, "lr": 0.005, "nested": {"a": 1}}
        """));
    assertThat(h.size()).isEqualTo(2);
    assertThat(h.epochNumbers()).containsExactly(1, 2);
    assertThat(h.metricNames()).containsExactly("train_loss", "val_acc", "lr");
    assertThat(h.series("train_loss")).containsExactly(2.5, 1.5);
    assertThat(h.series("val_acc")[0]).isEqualTo(0.4);
    assertThat(h.series("val_acc")[1]).isNaN();
    assertThat(h.series("missing")).containsOnly(Double.NaN);
    assertThat(h.epochs().get(0).get("lr")).isEqualTo(0.01);
    assertThat(h.toString()).contains("2 epochs");
  }

  @Test
  void aResumedRunsRepeatedEpochReplacesTheEarlierOne() throws IOException {
    History h = History.readJsonLines(file("""
        {"epoch": 1, "loss": 3}
        {"epoch": 2, "loss": 2}
        {"epoch": 2, "loss": 1.9}
        {"epoch": 3, "loss": 1}
        """));
    assertThat(h.series("loss")).containsExactly(3.0, 1.9, 1.0);
  }

  @Test
  void anUnfinishedLastLineIsSkipped() throws IOException {
    History h = History.readJsonLines(file("{\"epoch\": 1, \"loss\": 3}\n{\"epoch\": 2, \"lo"));
    assertThat(h.epochNumbers()).containsExactly(1);
  }

  @Test
  void aBadCompleteLineNamesFileAndLine() throws IOException {
    Path f = file("{\"epoch\": 1}\n{\"epoch\": 2, \"lo\n{\"epoch\": 3}\n");
    assertThatThrownBy(() -> History.readJsonLines(f))
        .isInstanceOf(HistoryFormatException.class)
        .hasMessageStartingWith(f + ":2: not JSON")
        .satisfies(e -> assertThat(((HistoryFormatException) e).line()).isEqualTo(2))
        .satisfies(e -> assertThat(((HistoryFormatException) e).file()).isEqualTo(f));
    Path noEpoch = file("{\"epoch\": 1}\n{\"loss\": 2}\n");
    assertThatThrownBy(() -> History.readJsonLines(noEpoch))
        .hasMessageEndingWith(":2: no integer \"epoch\" field");
    Path fractional = file("{\"epoch\": 1.5}\n");
    assertThatThrownBy(() -> History.readJsonLines(fractional)).hasMessageContaining("no integer");
    Path array = file("[1, 2]\n");
    assertThatThrownBy(() -> History.readJsonLines(array)).hasMessageContaining(":1: expected a JSON object");
  }

  @Test
  void emptyFileIsAnEmptyHistory() throws IOException {
    assertThat(History.readJsonLines(file("")).isEmpty()).isTrue();
    assertThat(History.empty().metricNames()).isEmpty();
  }

  @Test
  void builderSortsByEpoch() {
    History h = History.builder()
        .add(2, Map.of("acc", 0.5))
        .add(1, Map.of("acc", 0.25f))
        .build();
    assertThat(h.epochNumbers()).containsExactly(1, 2);
    assertThat(h.series("acc")).containsExactly(0.25, 0.5);
  }
}
