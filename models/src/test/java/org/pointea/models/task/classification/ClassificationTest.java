package org.pointea.models.task.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationTest {
    private static final List<String> NAMES = List.of("a", "b", "c", "d");

    @Test
    void softmaxTopKAndTies() {
        Classification c = new Classification(new float[] {1f, 3f, 3f, -2f}, NAMES);
        assertThat(c.task()).isEqualTo("classification");
        assertThat(c.index()).isEqualTo(1);
        assertThat(c.name()).isEqualTo("b");
        double e = Math.exp(1) + 2 * Math.exp(3) + Math.exp(-2);
        assertThat(c.probability()).isCloseTo(Math.exp(3) / e, within(1e-6));
        assertThat(c.top(3)).extracting(ClassScore::index).containsExactly(1, 2, 0);
        assertThat(c.top(10)).hasSize(4);
        assertThat(c.top(2).get(1).toString()).isEqualTo(String.format(java.util.Locale.ROOT, "c (2) %.4f",
                Math.exp(3) / e));
        assertThat(c.toString()).startsWith("Classification[b (1) ");
    }

    @Test
    void largeLogitsDoNotOverflowAndCopiesAreReturned() {
        Classification c = new Classification(new float[] {1000f, 999f, -1000f, 0f}, NAMES);
        float[] p = c.probabilities();
        assertThat(p[0]).isCloseTo((float) (1 / (1 + Math.exp(-1))), within(1e-6f));
        p[0] = 5;
        assertThat(c.probabilities()[0]).isLessThan(1f);
        assertThat(c).isEqualTo(new Classification(new float[] {1000f, 999f, -1000f, 0f}, NAMES))
                .hasSameHashCodeAs(new Classification(new float[] {1000f, 999f, -1000f, 0f}, NAMES));
    }

    @Test
    void logitsMustMatchTheNames() {
        assertThatThrownBy(() -> new Classification(new float[] {1f}, NAMES)).hasMessageContaining("1 logits for 4");
        assertThatThrownBy(() -> new ClassScore(-1, "x", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
