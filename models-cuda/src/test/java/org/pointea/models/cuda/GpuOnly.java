package org.pointea.models.cuda;

import org.junit.jupiter.api.Assumptions;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.Backends;

/** The CUDA backend for the tests that need a GPU, or a skip saying why there is none. */
final class GpuOnly {
    private GpuOnly() {
    }

    /** {@code Backends.get("cuda")}, or aborts the test with the provider's reason. */
    static Backend backend() {
        String why = new CudaBackendProvider().unavailableReason();
        Assumptions.assumeTrue(why == null, () -> "no usable GPU, CUDA backend tests skipped: " + why);
        return Backends.get("cuda:0");
    }
}
