/** Losses, optimizers (SGD with momentum, Adam) and learning-rate schedules for the networks. */
package org.pointea.models.train;
