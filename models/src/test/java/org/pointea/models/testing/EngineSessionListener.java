package org.pointea.models.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.pointea.models.engine.Engine;

/** Runs {@link Engine#init()} before any test touches ND4J, as a library user's first model call would. */
public final class EngineSessionListener implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Engine.init();
    }
}
