package org.pointea.eval.report;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Per-epoch training metrics, e.g. {@code train_loss}, {@code train_acc}, {@code val_loss},
 * {@code val_acc}, {@code lr}: one row per epoch, in epoch order, with any set of named numbers.
 *
 * <p>The trainer's JSON-lines file ({@code metrics.jsonl}) reads with {@link #readJsonLines}: one
 * JSON object per line with an integer {@code "epoch"} and any number of numeric fields; other
 * fields (strings, booleans, nested objects) are ignored and {@code null} reads as NaN. Two rules
 * make a file from a run that was killed and resumed readable as is: an unfinished last line (no
 * newline at its end) is skipped, and a later line for an epoch replaces an earlier one.
 *
 * <pre>{@code
 * History h = History.readJsonLines(run.resolve("metrics.jsonl"));
 * double[] valAcc = h.series("val_acc");
 * }</pre>
 */
public final class History {
  /**
   * One epoch's metrics.
   *
   * @param epoch the epoch number
   * @param values metric name to value, in insertion order (unmodifiable)
   */
  public record Epoch(int epoch, Map<String, Double> values) {
    /** Copies the values. */
    public Epoch {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Returns one value.
     *
     * @param name metric name
     * @return the value, or NaN when this epoch has none
     */
    public double get(String name) {
      Double v = values.get(name);
      return v == null ? Double.NaN : v;
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final History EMPTY = new History(List.of());

  private final List<Epoch> epochs;

  private History(List<Epoch> epochs) {
    this.epochs = List.copyOf(epochs);
  }

  /** Returns the history of no epochs. */
  public static History empty() {
    return EMPTY;
  }

  /**
   * Returns a history of the given epochs, sorted by epoch; a later entry for an epoch replaces an
   * earlier one.
   *
   * @param epochs the epochs
   * @return the history
   */
  public static History of(List<Epoch> epochs) {
    TreeMap<Integer, Epoch> byEpoch = new TreeMap<>();
    for (Epoch e : epochs) {
      byEpoch.put(e.epoch(), Objects.requireNonNull(e, "epoch"));
    }
    return new History(new ArrayList<>(byEpoch.values()));
  }

  /**
   * Reads a JSON-lines metrics file (see the class comment for the rules).
   *
   * @param file the file
   * @return the history
   * @throws HistoryFormatException when a complete line is not a JSON object with an integer epoch
   * @throws IOException when the file cannot be read
   */
  public static History readJsonLines(Path file) throws IOException {
    List<Epoch> epochs = new ArrayList<>();
    byte[] bytes = Files.readAllBytes(file);
    boolean endsWithNewline = bytes.length > 0 && bytes[bytes.length - 1] == '\n';
    try (BufferedReader in =
        new BufferedReader(
            new java.io.InputStreamReader(
                new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
      List<String> lines = in.lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty()) {
          continue;
        }
        boolean unfinished = i == lines.size() - 1 && !endsWithNewline;
        Epoch e;
        try {
          e = parse(file, i + 1, line);
        } catch (HistoryFormatException ex) {
          if (unfinished) {
            break; // a line cut short by a kill; the next run rewrites that epoch
          }
          throw ex;
        }
        epochs.add(e);
      }
    }
    return of(epochs);
  }

  private static Epoch parse(Path file, long lineNo, String line) throws HistoryFormatException {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JacksonException ex) {
      throw new HistoryFormatException(file, lineNo, "not JSON: " + ex.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new HistoryFormatException(file, lineNo, "expected a JSON object");
    }
    JsonNode epoch = node.get("epoch");
    if (epoch == null || !epoch.canConvertToInt() || !epoch.isIntegralNumber()) {
      throw new HistoryFormatException(file, lineNo, "no integer \"epoch\" field");
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (f.getKey().equals("epoch")) {
        continue;
      }
      JsonNode v = f.getValue();
      if (v.isNumber()) {
        values.put(f.getKey(), v.doubleValue());
      } else if (v.isNull()) {
        values.put(f.getKey(), Double.NaN);
      }
    }
    return new Epoch(epoch.intValue(), values);
  }

  /** Returns a builder of a history in memory. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the epochs, in epoch order. */
  public List<Epoch> epochs() {
    return epochs;
  }

  /** Returns the number of epochs. */
  public int size() {
    return epochs.size();
  }

  /** Returns true when there is no epoch. */
  public boolean isEmpty() {
    return epochs.isEmpty();
  }

  /** Returns the epoch numbers, in order. */
  public int[] epochNumbers() {
    return epochs.stream().mapToInt(Epoch::epoch).toArray();
  }

  /** Returns every metric name, in order of first appearance. */
  public List<String> metricNames() {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (Epoch e : epochs) {
      names.addAll(e.values().keySet());
    }
    return List.copyOf(names);
  }

  /**
   * Returns one metric over the epochs.
   *
   * @param name metric name
   * @return one value per epoch, NaN where an epoch lacks it
   */
  public double[] series(String name) {
    return epochs.stream().mapToDouble(e -> e.get(name)).toArray();
  }

  @Override
  public String toString() {
    return "History(" + epochs.size() + " epochs, " + metricNames() + ")";
  }

  /** Collects epochs in memory. */
  public static final class Builder {
    private final List<Epoch> epochs = new ArrayList<>();

    private Builder() {}

    /**
     * Adds an epoch.
     *
     * @param epoch the epoch number
     * @param values metric name to value
     * @return this builder
     */
    public Builder add(int epoch, Map<String, ? extends Number> values) {
      Map<String, Double> copy = new LinkedHashMap<>();
      values.forEach((k, v) -> copy.put(k, v == null ? Double.NaN : v.doubleValue()));
      epochs.add(new Epoch(epoch, copy));
      return this;
    }

    /** Returns the history. */
    public History build() {
      return History.of(epochs);
    }
  }
}
