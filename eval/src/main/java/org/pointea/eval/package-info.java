/** Metrics and reports: overall and mean class accuracy, confusion matrices, part-segmentation IoU. */
package org.pointea.eval;
