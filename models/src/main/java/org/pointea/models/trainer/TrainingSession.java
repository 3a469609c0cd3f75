package org.pointea.models.trainer;

import java.nio.file.Path;
import org.pointea.models.network.Network;
import org.pointea.models.optim.Optimizer;
import org.pointea.models.store.ModelDirectory;

/**
 * What the trainer's own listeners share while a run is live: its directory, configuration,
 * network, optimizer, current {@link TrainerState}, selection metric, the caller's listener and
 * the write observer.
 */
final class TrainingSession {
    private final Path run;
    private final TrainerConfig config;
    private final Network network;
    private final Optimizer optimizer;
    private final String selectedOn;
    private final TrainingListener listener;
    private final ModelDirectory.WriteObserver observer;
    private TrainerState state;

    TrainingSession(Path run, TrainerConfig config, Network network, Optimizer optimizer, TrainerState state,
                    String selectedOn, TrainingListener listener, ModelDirectory.WriteObserver observer) {
        this.run = run;
        this.config = config;
        this.network = network;
        this.optimizer = optimizer;
        this.state = state;
        this.selectedOn = selectedOn;
        this.listener = listener;
        this.observer = observer;
    }

    Path run() {
        return run;
    }

    TrainerConfig config() {
        return config;
    }

    Network network() {
        return network;
    }

    Optimizer optimizer() {
        return optimizer;
    }

    TrainerState state() {
        return state;
    }

    void setState(TrainerState s) {
        this.state = s;
    }

    String selectedOn() {
        return selectedOn;
    }

    TrainingListener listener() {
        return listener;
    }

    ModelDirectory.WriteObserver observer() {
        return observer;
    }
}
