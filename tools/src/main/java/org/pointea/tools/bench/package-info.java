/**
 * Benchmark runners, one main class per area, each printing a table (and JSON with {@code --json})
 * with the Python peer measured in the same run where one is installed.
 */
package org.pointea.tools.bench;
