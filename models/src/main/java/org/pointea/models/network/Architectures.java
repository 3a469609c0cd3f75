package org.pointea.models.network;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/** The registered architectures ({@link ArchitectureProvider}s on the class path), by name. */
public final class Architectures {
    private static volatile Map<String, Class<? extends NetworkConfig>> byName;

    private Architectures() {
    }

    /** Every architecture name with its configuration type, in discovery order. */
    public static Map<String, Class<? extends NetworkConfig>> all() {
        Map<String, Class<? extends NetworkConfig>> m = byName;
        if (m == null) {
            Map<String, Class<? extends NetworkConfig>> found = new LinkedHashMap<>();
            for (ArchitectureProvider p : ServiceLoader.load(ArchitectureProvider.class,
                    Architectures.class.getClassLoader())) {
                p.architectures().forEach((name, type) -> {
                    Class<? extends NetworkConfig> old = found.putIfAbsent(name, type);
                    if (old != null && old != type) {
                        throw new IllegalStateException("architecture '" + name + "' is registered twice: "
                                + old.getName() + " and " + type.getName());
                    }
                });
            }
            m = Collections.unmodifiableMap(found);
            byName = m;
        }
        return m;
    }

    /** The configuration type of an architecture, or null when none is registered under that name. */
    public static Class<? extends NetworkConfig> configType(String name) {
        return all().get(name);
    }
}
