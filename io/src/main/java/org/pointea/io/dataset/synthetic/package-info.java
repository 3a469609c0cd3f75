/**
 * Procedural datasets written in the real public layouts, so that the loaders, the trainer and
 * the command line can be exercised end to end without the real archives:
 * {@link org.pointea.io.dataset.synthetic.SyntheticModelNet} (classification: 12 primitive
 * classes with random size, aspect, rotation and noise) and
 * {@link org.pointea.io.dataset.synthetic.SyntheticShapeNetPart} (part segmentation: real
 * ShapeNet-part categories assembled from parts that carry their real global part ids).
 *
 * <p>Everything is seeded: shape {@code k} of class {@code c} is drawn from its own stream
 * ({@code RandomStreams.of(seed, c, k)}), so the output is identical whatever the thread count.
 */
package org.pointea.io.dataset.synthetic;
