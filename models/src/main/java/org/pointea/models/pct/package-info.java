/**
 * The PCT networks: {@link org.pointea.models.pct.PctClassifier} (classification, published and
 * light variants) and {@link org.pointea.models.pct.PctSegmenter} (part segmentation), any mixer.
 */
package org.pointea.models.pct;
