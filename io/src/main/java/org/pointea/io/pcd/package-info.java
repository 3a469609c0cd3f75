/**
 * PCL's PCD format, v0.5 and v0.7: ascii, binary and binary_compressed (LZF over one plane per
 * field), every TYPE/SIZE pair, COUNT, padding fields, packed colour, organized clouds and the
 * VIEWPOINT.
 */
package org.pointea.io.pcd;
