package org.pointea.models.network;

import java.util.Map;

/**
 * Registers network architectures by name (a {@link java.util.ServiceLoader} service,
 * {@code META-INF/services/org.pointea.models.network.ArchitectureProvider}): a package that adds
 * networks adds one provider and touches no generic class.
 */
public interface ArchitectureProvider {

    /** Architecture name to its configuration record type. */
    Map<String, Class<? extends NetworkConfig>> architectures();
}
