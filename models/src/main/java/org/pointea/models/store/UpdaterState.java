package org.pointea.models.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.nn.Param;
import org.pointea.models.nn.ParamStore;
import org.pointea.models.optim.Optimizer;

/**
 * Saves and restores the state of an {@link Optimizer} (SGD's momentum buffers, Adam's and AdamW's
 * moments and step counter) as named tensors: {@code velocity/<param>} for SGD, {@code m/<param>}
 * and {@code v/<param>} for Adam(W). Restoring into a fresh optimizer of the same type and
 * hyper-parameters makes its next step identical to the saved one's.
 */
public final class UpdaterState {
    private UpdaterState() {
    }

    /** The state tensors by stored name, copied to the host. */
    public static Map<String, Npz.Tensor> tensors(Optimizer o) {
        Map<String, Npz.Tensor> out = new LinkedHashMap<>();
        o.state().forEach((name, a) -> out.put(name, Npz.Tensor.of(a)));
        return out;
    }

    /** The type, learning rate, hyper-parameters and step counter, for the {@code updater} object of {@code model.json}. */
    public static ObjectNode describe(Optimizer o) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("type", o.type());
        n.put("learning_rate", o.learningRate());
        o.hyperParameters().forEach(n::put);
        n.put("steps", o.steps());
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
        if (!o.type().equals(type)) {
            throw new ModelFormatException(file, "the updater state is " + type + ", the optimizer " + o.type());
        }
        Map<String, Param> byState = new LinkedHashMap<>();
        for (Param p : params.params()) {
            for (String name : o.stateNames(p.name())) {
                byState.put(name, p);
            }
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Npz.Tensor> e : tensors.entrySet()) {
            Param p = byState.get(e.getKey());
            if (p == null) {
                problems.add("unexpected " + e.getKey());
            } else if (!Arrays.equals(p.value().shape(), e.getValue().shape())) {
                problems.add(e.getKey() + " has shape " + Arrays.toString(e.getValue().shape()) + ", the parameter "
                        + Arrays.toString(p.value().shape()));
            }
        }
        // a parameter's state is all of its tensors or none (none: it has not been stepped yet)
        Set<String> seen = new HashSet<>();
        for (String key : tensors.keySet()) {
            Param p = byState.get(key);
            if (p != null && seen.add(p.name())) {
                for (String sibling : o.stateNames(p.name())) {
                    if (!tensors.containsKey(sibling)) {
                        problems.add(key + " without " + sibling);
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelFormatException(file, "the updater state does not fit the network: "
                    + String.join("; ", problems));
        }
        Map<String, DeviceArray> restored = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Npz.Tensor> e : tensors.entrySet()) {
                Param p = byState.get(e.getKey());
                DeviceArray a = params.backend().allocate(params.dtype(), p.value().shape());
                restored.put(e.getKey(), a);
                e.getValue().copyTo(a);
            }
            o.restore(steps, restored);
        } catch (RuntimeException e) {
            restored.values().forEach(DeviceArray::close);
            throw e;
        }
    }
}
