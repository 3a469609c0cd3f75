/**
 * The compute boundary: {@link org.pointea.models.backend.Backend} (device memory and the
 * operations layers are built from), {@link org.pointea.models.backend.DeviceArray},
 * {@link org.pointea.models.backend.Backends} (selection by name), and the memory a network owns
 * ({@link org.pointea.models.backend.BufferRegistry}). Nothing here or above it refers to a
 * particular library; the ND4J CPU implementation lives in {@code backend.nd4j}.
 */
package org.pointea.models.backend;
