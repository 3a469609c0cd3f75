package org.pointea.models.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EngineThreadsTest {

    @Test
    void setsAndRestoresTheThreadCount() {
        int before = EngineThreads.current();
        try {
            EngineThreads.set(1);
            assertThat(EngineThreads.current()).isEqualTo(1);
        } finally {
            EngineThreads.set(before);
        }
        assertThat(EngineThreads.current()).isEqualTo(before);
        assertThatThrownBy(() -> EngineThreads.set(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
