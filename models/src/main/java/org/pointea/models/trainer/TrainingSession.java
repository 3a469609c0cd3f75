package org.pointea.models.trainer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
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
    private List<String> categories;

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

    /** Sets the object categories the training data holds (tasks conditioned on one), or null. */
    void setCategories(List<String> names) {
        this.categories = names == null ? null : List.copyOf(names);
    }

    /**
     * Adds {@code categories} (the object categories the model was trained on, which a predictor
     * accepts) to a saved model's training node, when the task takes a category.
     */
    void putCategories(ObjectNode training) {
        if (categories != null) {
            ArrayNode a = training.putArray("categories");
            categories.forEach(a::add);
        }
    }
}
