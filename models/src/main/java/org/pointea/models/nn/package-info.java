/**
 * The building blocks networks are made of: fused layers with hand-written backward passes over
 * {@code [rows, channels]} activations ({@link org.pointea.models.nn.Linear},
 * {@link org.pointea.models.nn.BatchNorm}, dropout, pooling), written against
 * {@link org.pointea.models.backend.Backend} operations into buffers registered once in the
 * network's {@link org.pointea.models.backend.BufferRegistry}, and the parameters they own
 * ({@link org.pointea.models.nn.ParamStore}). No library types appear here; any backend runs them.
 */
package org.pointea.models.nn;
