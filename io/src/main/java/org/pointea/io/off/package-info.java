/**
 * Geomview OFF meshes as ModelNet ships them: the {@code [ST][C][N]OFF} keywords, the ModelNet
 * header with the counts glued to the keyword ({@code OFF8 6 12}), comments, blank lines and CRLF;
 * polygons fan-triangulated.
 */
package org.pointea.io.off;
