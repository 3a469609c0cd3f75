/**
 * Dataset loaders for point-cloud learning: ModelNet40 / ModelNet10 and ShapeNet-part in every
 * public on-disk layout, with a fingerprinted preprocessing cache, plus a describer of dataset
 * folders.
 *
 * <p>The shape of the API follows DJL and PyTorch Geometric: a dataset is built for one
 * {@link org.pointea.io.dataset.Split}, {@link org.pointea.io.dataset.CachedDataset#prepare()
 * prepared} once (which reads, samples and pre-transforms every shape into one cache file, and
 * never downloads anything), then read with {@code size()} and {@code get(i)}. A per-access
 * transform (augmentation) is applied with a generator the caller passes, so a trainer can make
 * epochs reproducible and resumable.
 *
 * <pre>{@code
 * ModelNetDataset train = ModelNetDataset.builder()
 *     .setRoot(Path.of("data/modelnet40_normal_resampled"))
 *     .optSplit(Split.TRAIN).optPoints(1024).optSampling(Subsampling.FPS)
 *     .optTransform(Compose.of(RandomScale.pct(), new Shuffle()))
 *     .build();
 * train.prepare(DatasetProgress.NONE);
 * Sample s = train.get(0, RandomStreams.of(seed, epoch, 0));
 * }</pre>
 *
 * <p>Synthetic datasets written in the same layouts live in
 * {@link org.pointea.io.dataset.synthetic}.
 */
package org.pointea.io.dataset;
