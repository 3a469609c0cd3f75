/**
 * Turning point clouds into network inputs: ordered background batch
 * loading with reproducible per-sample randomness, and augmentation specs.
 */
package org.pointea.models.data;
