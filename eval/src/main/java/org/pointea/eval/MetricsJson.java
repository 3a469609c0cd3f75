package org.pointea.eval;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON conventions of every metric and report file: keys as documented on each record,
 * pretty-printed, and undefined numbers (NaN, infinities) written as {@code null}, so that the
 * output is strict JSON that {@code jq}, Python's {@code json} and JavaScript all read. Reading
 * back, a {@code null} double becomes NaN again, so results round-trip.
 */
public final class MetricsJson {
  private static final ObjectMapper MAPPER = newMapper();

  private MetricsJson() {}

  /** Returns the shared, configured mapper (thread-safe; do not reconfigure it). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Returns a new mapper with the conventions above, for callers that configure their own. */
  public static ObjectMapper newMapper() {
    SimpleModule nanAsNull = new SimpleModule("pointea-nan-as-null");
    nanAsNull.addSerializer(Double.class, new FiniteDoubleSerializer());
    nanAsNull.addSerializer(double.class, new FiniteDoubleSerializer());
    nanAsNull.addSerializer(Float.class, new FiniteFloatSerializer());
    nanAsNull.addSerializer(float.class, new FiniteFloatSerializer());
    nanAsNull.addDeserializer(Double.class, new NullAsNanDeserializer());
    nanAsNull.addDeserializer(double.class, new NullAsNanDeserializer());
    return JsonMapper.builder()
        .addModule(nanAsNull)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .build();
  }

  /**
   * Returns an object as pretty-printed JSON.
   *
   * @param value a result record or report
   * @return the JSON text, without a trailing newline
   */
  public static String toJson(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  private static final class FiniteDoubleSerializer extends StdSerializer<Double> {
    FiniteDoubleSerializer() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (value == null || !Double.isFinite(value)) {
        gen.writeNull();
      } else {
        gen.writeNumber(value);
      }
    }
  }

  private static final class FiniteFloatSerializer extends StdSerializer<Float> {
    FiniteFloatSerializer() {
      super(Float.class);
    }

    @Override
    public void serialize(Float value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (value == null || !Float.isFinite(value)) {
        gen.writeNull();
      } else {
        gen.writeNumber(value);
      }
    }
  }

  private static final class NullAsNanDeserializer extends StdDeserializer<Double> {
    NullAsNanDeserializer() {
      super(Double.class);
    }

    @Override
    public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return p.getValueAsDouble(Double.NaN);
    }

    @Override
    public Double getNullValue(DeserializationContext ctxt) {
      return Double.NaN;
    }
  }
}
