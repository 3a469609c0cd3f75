package org.pointea.models.trainer;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.network.ComposedNetwork;
import org.pointea.models.network.Network;
import org.pointea.models.nn.Param;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.store.ModelFormatException;
import org.pointea.models.store.ModelSpec;

/**
 * The start of fine-tuning: a pretrained model's weights copied into the network about to be
 * trained. The whole network is copied when the model is of the same task with the same labels
 * (same names, same order) and every tensor fits; otherwise only the backbone is (its parameters
 * and batch-norm statistics), and the head keeps its fresh initialisation from the run's seed: a
 * new head for new classes. A backbone that does not fit (another architecture, other widths) is
 * refused, naming the first tensors that differ.
 */
final class FineTuning {
    private FineTuning() {
    }

    /** What was copied from the model. */
    enum Part {
        /** Every parameter and statistic: the same task and labels. */
        ALL,
        /** The backbone's; the head is new. */
        BACKBONE;

        /** The name stored in {@code run.json}. */
        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Copies the model's weights into {@code net}.
     *
     * @param model  the pretrained model
     * @param target the spec of the network being trained
     * @param net    the network, freshly initialised
     * @return what was copied
     * @throws ModelFormatException when the model's backbone does not fit the network
     * @throws IOException when the model cannot be read
     */
    static Part load(ModelDirectory model, ModelSpec target, Network net) throws IOException {
        ModelSpec source = model.spec();
        Map<String, long[]> saved = model.tensorShapes();
        Set<String> all = new LinkedHashSet<>();
        for (Param p : net.parameters().params()) {
            all.add(p.name());
        }
        all.addAll(net.parameters().states().keySet());
        boolean sameLabels = source.task().id().equals(target.task().id()) && source.labels().equals(target.labels());
        if (sameLabels && fits(all, saved, net)) {
            model.loadWeights(net.parameters(), all);
            return Part.ALL;
        }
        if (!(net instanceof ComposedNetwork composed)) {
            throw new ModelFormatException(model.path(), "a " + source.task().title() + " model with other labels; "
                    + "only a backbone-and-head network (" + ComposedNetwork.class.getSimpleName()
                    + ") can take a pretrained backbone under a new head");
        }
        Set<String> backbone = composed.backboneTensors();
        if (!fits(backbone, saved, net)) {
            throw new ModelFormatException(model.path(), "its backbone does not fit the network to train ("
                    + source.architecture() + " " + source.config().summary() + " vs " + target.architecture() + " "
                    + target.config().summary() + "): " + firstMisfits(backbone, saved, net));
        }
        model.loadWeights(net.parameters(), backbone);
        return Part.BACKBONE;
    }

    private static boolean fits(Set<String> names, Map<String, long[]> saved, Network net) {
        return firstMisfits(names, saved, net).isEmpty();
    }

    /** Up to three tensors that are missing from the model or shaped otherwise, as one line. */
    private static String firstMisfits(Set<String> names, Map<String, long[]> saved, Network net) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        int total = 0;
        for (String name : names) {
            long[] s = saved.get(name);
            long[] t = shape(net, name);
            String problem = s == null ? "no " + name : !Arrays.equals(s, t) ? name + " " + Arrays.toString(s)
                    + " vs " + Arrays.toString(t) : null;
            if (problem != null) {
                total++;
                if (n++ < 3) {
                    sb.append(sb.length() == 0 ? "" : "; ").append(problem);
                }
            }
        }
        return total > 3 ? sb + " and " + (total - 3) + " more" : sb.toString();
    }

    private static long[] shape(Network net, String name) {
        DeviceArray state = net.parameters().states().get(name);
        return state != null ? state.shape() : net.parameters().param(name).value().shape();
    }
}
