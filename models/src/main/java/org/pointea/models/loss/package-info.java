/** Training losses: {@link org.pointea.models.loss.CrossEntropy} (PCT's label-smoothed form). */
package org.pointea.models.loss;
