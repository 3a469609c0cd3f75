/**
 * Optimizers ({@link org.pointea.models.optim.Sgd}, {@link org.pointea.models.optim.Adam},
 * {@link org.pointea.models.optim.AdamW}) and the learning-rate schedule, all on the
 * {@link org.pointea.models.backend.Backend} operations.
 */
package org.pointea.models.optim;
