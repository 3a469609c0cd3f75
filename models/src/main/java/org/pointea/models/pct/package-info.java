/**
 * The PCT networks: {@link org.pointea.models.pct.PctClassifierConfig} ({@code pct_classifier}:
 * {@link org.pointea.models.pct.PctCloudBackbone} + classification head) and
 * {@link org.pointea.models.pct.PctSegmenterConfig} ({@code pct_segmenter}:
 * {@link org.pointea.models.pct.PctPointBackbone} + part-segmentation head), any mixer; their
 * presets ({@link org.pointea.models.pct.PctPresets}) and the host-side grouping
 * ({@link org.pointea.models.pct.PctInput}).
 */
package org.pointea.models.pct;
