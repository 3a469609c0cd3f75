/**
 * Point clouds as text, one point per line: XYZ, XYZN, XYZRGB, PTS, CSV and TXT, with a delimiter
 * and a column map ({@link org.pointea.io.text.TextLayout}) that covers ModelNet's
 * {@code x,y,z,nx,ny,nz} files and ShapeNet-part's {@code x y z nx ny nz label} files.
 */
package org.pointea.io.text;
