package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code tools/bin/pointea} line of the README's command-line examples (in this JVM,
 * paths under {@code tools/} resolved against the repository, {@code /tmp/pointea} replaced by a
 * temporary folder) and checks the printed example output.
 */
class ReadmeCliExamplesTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private static List<String> block(String readme, String fence) {
    int section = readme.indexOf("## Command line");
    int start = readme.indexOf(fence, section);
    int end = readme.indexOf("```", start + fence.length());
    return readme.substring(start + fence.length(), end).lines().toList();
  }

  @Test
  void everyExampleRuns(@TempDir Path tmp) throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    List<String> lines = block(readme, "```bash\n");
    int run = 0;
    String firstOut = null;
    for (String line : lines) {
      if (!line.startsWith("tools/bin/pointea ")) {
        assertThat(line).startsWith("mkdir -p /tmp/pointea");
        continue;
      }
      List<String> args = new ArrayList<>();
      for (String word : line.substring("tools/bin/pointea ".length()).split("\\s+")) {
        if (word.startsWith("/tmp/pointea/")) {
          args.add(tmp.resolve(word.substring("/tmp/pointea/".length())).toString());
        } else if (word.startsWith("tools/")) {
          args.add(ROOT.resolve(word).toString());
        } else {
          args.add(word);
        }
      }
      Cli.Run r = Cli.run(args.toArray(String[]::new));
      assertThat(r.code()).as(line + "\n" + r).isZero();
      firstOut = firstOut == null ? r.out() : firstOut;
      run++;
    }
    assertThat(run).isGreaterThanOrEqualTo(10);
    // the printed example is the first command's output (its first line is the path as given)
    List<String> shown = block(readme, "```text\n");
    List<String> got = firstOut.lines().toList();
    assertThat(got.subList(1, got.size())).isEqualTo(shown.subList(1, shown.size()));
    assertThat(Files.size(tmp.resolve("bun0.png"))).isPositive();
  }
}
