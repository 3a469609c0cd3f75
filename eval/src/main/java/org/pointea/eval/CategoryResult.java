package org.pointea.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One row of the ShapeNet-part per-category table.
 *
 * @param category category index in {@code [0, 16)}
 * @param name category name, e.g. {@code "Airplane"}
 * @param shapes number of test shapes of this category
 * @param miou mean shape IoU of those shapes; NaN ({@code null} in JSON) when there are none
 */
@JsonPropertyOrder({"category", "name", "shapes", "miou"})
public record CategoryResult(
    @JsonProperty("category") int category,
    @JsonProperty("name") String name,
    @JsonProperty("shapes") int shapes,
    @JsonProperty("miou") double miou) {}
