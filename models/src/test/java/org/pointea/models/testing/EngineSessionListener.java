package org.pointea.models.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.pointea.models.backend.Backends;

/**
 * Loads the CPU backend ({@link Backends#cpu()}, which applies its runtime settings) before any
 * test touches ND4J, as a library user's first model call would.
 */
public final class EngineSessionListener implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Backends.cpu();
    }
}
