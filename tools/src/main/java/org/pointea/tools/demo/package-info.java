/** The {@code pointea demo} tour of the point-cloud core. */
package org.pointea.tools.demo;
