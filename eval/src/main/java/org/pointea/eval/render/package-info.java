/**
 * A headless software point-cloud renderer: orthographic or perspective views, z-buffered round
 * splats, colours by label, height, normal or RGB, several views side by side, PNG output.
 *
 * <pre>{@code
 * new PointCloudRenderer(RenderOptions.builder().optColorBy(ColorBy.LABEL).optViews(3).build())
 *     .writePng(cloud, Path.of("cloud.png"));
 * }</pre>
 */
package org.pointea.eval.render;
