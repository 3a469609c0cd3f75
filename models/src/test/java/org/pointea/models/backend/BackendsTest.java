package org.pointea.models.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackendsTest {

    @Test
    void findsTheCpuBackendByName() {
        Backend cpu = Backends.cpu();
        assertThat(cpu.name()).isEqualTo("cpu");
        assertThat(Backends.get(" CPU ")).isSameAs(cpu);
        assertThat(Backends.get("cpu:0")).isSameAs(cpu);
        assertThat(Backends.getDefault()).isSameAs(cpu);
        assertThat(Backends.names()).contains("cpu");
    }

    @Test
    void unknownNamesAndDevicesAreRefusedWithTheChoices() {
        assertThatThrownBy(() -> Backends.get("tpu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown backend 'tpu'").hasMessageContaining("cpu");
        assertThatThrownBy(() -> Backends.get("cpu:x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a number");
        assertThatThrownBy(() -> Backends.get("cpu:1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one device");
    }

    @Test
    void registryBuffersAreReusedAndReleasedOnce() {
        try (BufferRegistry r = new BufferRegistry(Backends.cpu())) {
            Buffer b = r.buffer("x");
            DeviceArray first = b.get(DType.FLOAT, 4, 3);
            assertThat(b.get(DType.FLOAT, 4, 3)).isSameAs(first);
            assertThat(b.get(DType.FLOAT, 2, 3)).isNotSameAs(first);
            assertThat(r.buffer("unused").used()).isFalse();
            assertThat(r.unused()).containsExactly("unused");
            assertThatThrownBy(() -> r.buffer("x")).hasMessageContaining("duplicate buffer name: x");
            DeviceArray s = r.scratch(0, DType.FLOAT, 6, 2);
            assertThat(r.scratch(0, DType.FLOAT, 3, 4).length()).isEqualTo(s.length());
            assertThat(r.scratchBytes()).isEqualTo(48);
            assertThat(r.bytes()).isEqualTo(48 + 24);
        }
    }
}
