package org.pointea.models.cuda;

import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BackendConformance;

/**
 * The CUDA backend against the backend conformance suite, on the GPU; every test is skipped with
 * the reason where the CUDA backend cannot run (no driver, no GPU, missing libraries).
 */
class CudaBackendConformanceTest extends BackendConformance {
    @Override
    protected Backend backend() {
        return GpuOnly.backend();
    }
}
