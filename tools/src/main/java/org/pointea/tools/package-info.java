/** The {@code pointea} command line and benchmarks. */
package org.pointea.tools;
