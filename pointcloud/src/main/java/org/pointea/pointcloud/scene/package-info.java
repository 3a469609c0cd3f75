/**
 * Scenes: whole scans of rooms and buildings, cut into columns for training and labelled point by
 * point at inference.
 *
 * <ul>
 *   <li>{@link org.pointea.pointcloud.scene.ColumnGrid}: points binned into square xy cells by a
 *       counting sort, the index every other class here uses;</li>
 *   <li>{@link org.pointea.pointcloud.scene.BlockSampler}: training crops, PointNet's 1 m x 1 m
 *       columns ({@link org.pointea.pointcloud.scene.ColumnBlockSampler}, the default) or a kNN
 *       crop ({@link org.pointea.pointcloud.scene.KnnCropSampler});</li>
 *   <li>{@link org.pointea.pointcloud.scene.BlockFeatures}: the one definition of a block's
 *       network input (coordinates relative to the block and the scene's floor, plus the chosen
 *       channels), shared by training and inference;</li>
 *   <li>{@link org.pointea.pointcloud.scene.TiledSegmentation}: a label for every point of a scan
 *       of any size, from overlapping tiles and softmax voting, streaming so that the votes held
 *       at any time cover a band of tiles, not the scan; the network sits behind
 *       {@link org.pointea.pointcloud.scene.TileModel}.</li>
 * </ul>
 *
 * <p>Pure Java, like the rest of this module: the network is a caller-supplied interface.
 * Choices and measurements: {@code docs/scenes.md}.
 */
package org.pointea.pointcloud.scene;
