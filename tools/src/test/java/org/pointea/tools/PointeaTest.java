package org.pointea.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.pointea.tools.cli.ExitCodes;

class PointeaTest {

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Pointea.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void versionAndHelpSucceed() {
    Run v = run("--version");
    assertThat(v.code()).isEqualTo(ExitCodes.OK);
    assertThat(v.out()).startsWith("pointea ").contains("Java ");
    Run h = run("--help");
    assertThat(h.code()).isEqualTo(ExitCodes.OK);
    assertThat(h.out()).contains("info", "convert", "sample", "normals", "render", "metrics",
        "dataset", "bench", "demo", "train", "eval", "predict");
    for (String[] cmd : new String[][] {{"info"}, {"convert"}, {"sample"}, {"normals"},
        {"render"}, {"metrics"}, {"metrics", "cls"}, {"metrics", "partseg"}, {"bench"},
        {"bench", "core"}, {"bench", "io"}, {"bench", "eval"}, {"bench", "predict"},
        {"bench", "scale"}, {"demo"}, {"demo", "core"},
        {"train"}, {"eval"}, {"predict"}, {"dataset"},
        {"dataset", "synth"}, {"dataset", "describe"}, {"dataset", "prepare"}, {"view"}}) {
      String[] args = java.util.Arrays.copyOf(cmd, cmd.length + 1);
      args[cmd.length] = "--help";
      Run r = run(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(ExitCodes.OK);
      assertThat(r.out()).as(String.join(" ", args)).startsWith("Usage: pointea " + cmd[0]);
      // descriptions are wrapped by hand to the 80 columns picocli uses, never re-wrapped raggedly
      assertThat(r.out().lines().filter(l -> l.length() > 80)).as(String.join(" ", args))
          .isEmpty();
    }
    assertThat(run("bench", "core", "--help").out()).contains("--json");
    assertThat(run("info", "--version").out()).startsWith("pointea ");
  }

  @Test
  void descriptionsAreWrappedAtWordsNotMidSentence() {
    // picocli re-wrapped hand-broken lines that were too long, leaving a few words alone on a
    // line in the middle of a sentence; paragraphs now wrap as a whole
    for (String[] cmd : new String[][] {{"dataset", "synth"}, {"dataset", "describe"},
        {"dataset", "prepare"}, {"view"}}) {
      String[] args = java.util.Arrays.copyOf(cmd, cmd.length + 1);
      args[cmd.length] = "--help";
      java.util.List<String> lines = run(args).out().lines().toList();
      int end = 0;
      while (end < lines.size() && !lines.get(end).strip().startsWith("-")) {
        end++;
      }
      int start = lines.indexOf("");   // the summary line, then a blank line, then paragraphs
      assertThat(start).as(String.join(" ", args)).isPositive();
      for (int i = start + 1; i + 1 < end; i++) {
        String line = lines.get(i);
        String next = lines.get(i + 1);
        // description lines start at column 0 (the synopsis and options are indented)
        if (!line.isBlank() && !next.isBlank() && !line.startsWith(" ") && !next.startsWith(" ")) {
          // wrapped too early: the next line's first word would have fitted on this one
          // (picocli fills lines up to 79 characters of its 80 columns)
          String firstWord = next.strip().split(" ", 2)[0];
          assertThat(line.length() + 1 + firstWord.length())
              .as(String.join(" ", args) + ": '" + line + "' / '" + next + "'")
              .isGreaterThan(79);
        }
      }
    }
  }

  @Test
  void usageErrorsExitWithOne() {
    Run none = run();
    assertThat(none.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(none.err()).contains("missing a command");
    assertThat(run("--bogus").code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(run("frobnicate").code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(run("bench").code()).isEqualTo(ExitCodes.USER_ERROR);
    Run few = run("demo", "core", "--points", "10");
    assertThat(few.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(few.err()).contains("--points must be in");
    assertThat(run("demo", "core", "--points", "many").code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(run("bench", "core", "--runs", "0").code()).isEqualTo(ExitCodes.USER_ERROR);
  }

  @Test
  void demoPassesItsChecks() {
    Run r = run("demo", "core", "--points", "4096", "--seed", "3");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("checks: 7/7 passed").doesNotContain("FAIL");
  }

  @Test
  void benchCoreQuickPrintsJson() throws Exception {
    Run r = run("bench", "core", "--quick", "--json", "--runs", "1");
    assertThat(r.code()).isEqualTo(ExitCodes.OK);
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("bench").asText()).isEqualTo("core");
    JsonNode results = doc.get("results");
    assertThat(results.size()).isGreaterThanOrEqualTo(8);
    for (JsonNode m : results) {
      assertThat(m.get("medianSeconds").asDouble()).isPositive();
      assertThat(m.get("threads").asInt()).isPositive();
    }
    // --quick runs sizes / 10 and says so in the case names
    assertThat(results.findValuesAsText("name")).contains("fps_10k_to_102",
        "knn_k32_10k_queries_of_10k").doesNotContain("fps_100k_to_1024", "knn_k32_100k_queries");
  }
}
