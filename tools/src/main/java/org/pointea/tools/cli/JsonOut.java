package org.pointea.tools.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Pretty JSON for the {@code --json} output of the training commands (NaN and infinities as null). */
final class JsonOut {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonOut() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(clean(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static Object clean(Object v) {
    if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
      return null;
    }
    if (v instanceof java.util.Map<?, ?> m) {
      java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, clean(x)));
      return out;
    }
    return v;
  }
}
