package org.pointea.models.backend.nd4j;

import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BackendConformance;
import org.pointea.models.backend.Backends;

/** The ND4J CPU backend against the backend conformance suite. */
class Nd4jBackendConformanceTest extends BackendConformance {
    @Override
    protected Backend backend() {
        return Backends.cpu();
    }
}
