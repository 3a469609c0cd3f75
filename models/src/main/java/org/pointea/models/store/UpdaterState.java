package org.pointea.models.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pointea.models.nn.Param;
import org.pointea.models.nn.ParamStore;
import org.pointea.models.train.Adam;
import org.pointea.models.train.AdamW;
import org.pointea.models.train.Optimizer;
import org.pointea.models.train.Sgd;

/**
 * Saves and restores the state of an {@link Optimizer} ({@link Sgd}'s momentum buffers,
 * {@link Adam}'s and {@link AdamW}'s moments and step counter) as named tensors:
 * {@code velocity/<param>} for SGD, {@code m/<param>} and {@code v/<param>} for Adam(W).
 * Restoring into a fresh optimizer of the same type and hyper-parameters makes its next step
 * identical to the saved one's.
 */
public final class UpdaterState {
    private UpdaterState() {
    }

    /** The type name stored in {@code model.json}: {@code sgd}, {@code adam} or {@code adamw}. */
    public static String type(Optimizer o) {
        if (o instanceof Sgd) {
            return "sgd";
        }
        if (o instanceof AdamW) {
            return "adamw";
        }
        if (o instanceof Adam) {
            return "adam";
        }
        throw new IllegalArgumentException("cannot save the state of " + o.getClass().getName());
    }

    private static Adam adam(Optimizer o) {
        return o instanceof AdamW w ? w.adam() : (Adam) o;
    }

    /** The step counter (0 for SGD, which has none). */
    public static long steps(Optimizer o) {
        return o instanceof Sgd ? 0 : adam(o).steps();
    }

    /** The state tensors by stored name (live arrays, not copies). */
    public static Map<String, INDArray> tensors(Optimizer o) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        if (o instanceof Sgd s) {
            s.state().forEach((name, v) -> out.put("velocity/" + name, v));
        } else {
            Map<String, INDArray[]> st = adam(o).state();
            st.forEach((name, mv) -> out.put("m/" + name, mv[0]));
            st.forEach((name, mv) -> out.put("v/" + name, mv[1]));
        }
        return out;
    }

    /** The hyper-parameters and counters, for the {@code updater} object of {@code model.json}. */
    public static ObjectNode describe(Optimizer o) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("type", type(o));
        n.put("learning_rate", o.learningRate());
        if (o instanceof Sgd s) {
            n.put("momentum", s.momentum());
            n.put("weight_decay", s.weightDecay());
        } else {
            Adam a = adam(o);
            n.put("beta1", a.beta1());
            n.put("beta2", a.beta2());
            n.put("epsilon", a.epsilon());
            n.put("weight_decay", o instanceof AdamW w ? w.weightDecay() : a.weightDecay());
            n.put("steps", a.steps());
        }
        return n;
    }

    /**
     * Restores a saved state into {@code o}, which must be freshly created with the saved type.
     *
     * @param o       the optimizer
     * @param type    the saved type
     * @param steps   the saved step counter
     * @param tensors the saved tensors
     * @param params  the network the optimizer updates (names and shapes are checked against it)
     * @param file    the file the tensors came from (for messages)
     * @throws ModelFormatException when the type or any tensor does not fit
     */
    public static void restore(Optimizer o, String type, long steps, Map<String, Npz.Tensor> tensors,
                               ParamStore params, Path file) throws ModelFormatException {
        if (!type(o).equals(type)) {
            throw new ModelFormatException(file, "the updater state is " + type + ", the optimizer " + type(o));
        }
        Map<String, Param> byName = new LinkedHashMap<>();
        for (Param p : params.params()) {
            byName.put(p.name(), p);
        }
        List<String> problems = new ArrayList<>();
        Map<String, INDArray> restored = new LinkedHashMap<>();
        for (Map.Entry<String, Npz.Tensor> e : tensors.entrySet()) {
            String key = e.getKey();
            int slash = key.indexOf('/');
            String param = slash < 0 ? key : key.substring(slash + 1);
            String kind = slash < 0 ? "" : key.substring(0, slash);
            boolean kindOk = type.equals("sgd") ? kind.equals("velocity") : kind.equals("m") || kind.equals("v");
            Param p = byName.get(param);
            if (!kindOk || p == null) {
                problems.add("unexpected " + key);
                continue;
            }
            if (!Arrays.equals(p.value().shape(), e.getValue().shape())) {
                problems.add(key + " has shape " + Arrays.toString(e.getValue().shape()) + ", the parameter "
                        + Arrays.toString(p.value().shape()));
                continue;
            }
            restored.put(key, e.getValue().toArray(p.value().dataType()));
        }
        if (!type.equals("sgd")) {
            for (String key : restored.keySet()) {
                String param = key.substring(2);
                String other = (key.startsWith("m/") ? "v/" : "m/") + param;
                if (!restored.containsKey(other) && !problems.contains("unexpected " + other)) {
                    problems.add(key + " without " + other);
                }
            }
        }
        if (!problems.isEmpty()) {
            restored.values().forEach(INDArray::close);
            throw new ModelFormatException(file, "the updater state does not fit the network: "
                    + String.join("; ", problems));
        }
        if (o instanceof Sgd s) {
            s.state().values().forEach(INDArray::close);
            s.state().clear();
            restored.forEach((k, v) -> s.state().put(k.substring("velocity/".length()), v));
        } else {
            Adam a = adam(o);
            for (INDArray[] old : a.state().values()) {
                for (INDArray x : old) {
                    x.close();
                }
            }
            a.state().clear();
            for (Map.Entry<String, INDArray> e : restored.entrySet()) {
                if (e.getKey().startsWith("m/")) {
                    String param = e.getKey().substring(2);
                    INDArray m = e.getValue();
                    INDArray v = restored.get("v/" + param);
                    a.state().put(param, new INDArray[] {m, v, Nd4j.zeros(m.dataType(), m.shape())});
                }
            }
            a.setSteps(steps);
        }
    }
}
