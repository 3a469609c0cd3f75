/**
 * Saved models: the model directory ({@code model.json} + NumPy {@code .npz} payloads, crash-safe
 * writes, version and configuration checks), the {@link org.pointea.models.store.ModelSpec} that
 * rebuilds a network and its preprocessing, and optimizer-state persistence. Needs no trainer code,
 * so a predictor loads a model with this package alone.
 */
package org.pointea.models.store;
