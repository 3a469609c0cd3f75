package org.pointea.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class LogitVotesTest {
  @Test
  void meanAndArgmaxMatchNumpy() {
    JsonNode f = Fixtures.json("votes_numpy.json");
    int rows = f.get("rows").intValue();
    int width = f.get("width").intValue();
    for (LogitVotes.Mode mode : LogitVotes.Mode.values()) {
      LogitVotes votes = new LogitVotes(rows, width, mode);
      for (JsonNode pass : f.get("passes")) {
        votes.add(Fixtures.floats(pass));
      }
      boolean soft = mode == LogitVotes.Mode.SOFTMAX;
      float[] mean = votes.mean();
      JsonNode expected = f.get(soft ? "softmax_mean" : "mean");
      for (int i = 0; i < mean.length; i++) {
        assertThat((double) mean[i]).isCloseTo(expected.get(i).doubleValue(), within(1e-6));
      }
      assertThat(votes.argmax()).isEqualTo(Fixtures.ints(f.get(soft ? "softmax_argmax" : "argmax")));
      assertThat(votes.minVotes()).isEqualTo(3);
    }
  }

  @Test
  void batchesOfRowsAddUpToWholePasses() {
    float[] pass1 = {1, 0, 0, 2, 5, 5};
    float[] pass2 = {0, 3, 1, 0, 5, 6};
    LogitVotes whole = new LogitVotes(3, 2);
    whole.add(pass1);
    whole.add(pass2);
    LogitVotes rows = new LogitVotes(3, 2);
    rows.add(0, pass1, 0, 2);
    rows.add(2, pass1, 4, 1);
    rows.add(0, pass2, 0, 3);
    assertThat(rows.mean()).containsExactly(whole.mean());
    assertThat(whole.argmax()).containsExactly(1, 1, 1); // sums (1, 3), (1, 2), (10, 11)
    assertThat(rows.votes(0)).isEqualTo(2);
  }

  @Test
  void softmaxVotingCanDisagreeWithScoreVoting() {
    // one very confident pass for class 0, two fairly confident passes for class 1
    LogitVotes scores = new LogitVotes(1, 2);
    LogitVotes probs = new LogitVotes(1, 2, LogitVotes.Mode.SOFTMAX);
    for (float[] p : new float[][] {{10, 0}, {0, 4}, {0, 4}}) {
      scores.add(p);
      probs.add(p);
    }
    assertThat(scores.argmax()).containsExactly(0); // mean scores (3.33, 2.67)
    assertThat(probs.argmax()).containsExactly(1); // mean probabilities (0.345, 0.655)
    float[] m = probs.mean();
    assertThat(m[0] + m[1]).isCloseTo(1f, within(1e-6f));
    assertThat((double) m[1]).isCloseTo(2 / (1 + Math.exp(-4)) / 3 + 1 / (1 + Math.exp(10)) / 3, within(1e-6));
  }

  @Test
  void rowsWithoutVotesAreAnError() {
    LogitVotes votes = new LogitVotes(2, 3);
    votes.add(0, new float[] {1, 2, 3}, 0, 1);
    assertThat(votes.minVotes()).isZero();
    assertThatThrownBy(votes::argmax).isInstanceOf(IllegalStateException.class).hasMessageContaining("row 1");
    assertThatThrownBy(() -> votes.add(new float[5])).hasMessageContaining("a pass has 6 scores");
    votes.reset();
    assertThat(votes.votes(0)).isZero();
    assertThat(new LogitVotes(0, 3).argmax()).isEmpty();
  }
}
