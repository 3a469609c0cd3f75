/**
 * Inference on saved models with plain Java in and out: a {@link org.pointea.models.inference.Predictor}
 * loads a model directory (or a run folder, resolving its best or last checkpoint), repeats the
 * recorded preprocessing (sampling to the network's points, normalisation, grouping) on a
 * {@link org.pointea.pointcloud.PointCloud} of any size, and returns the task's
 * {@link org.pointea.models.task.Prediction} ({@code predict}, any task) or typed results through
 * the {@code classify} / {@code segment} shortcuts. A predictor is not thread-safe; a
 * {@link org.pointea.models.inference.PredictorPool} shares a fixed set of them between threads.
 *
 * <pre>{@code
 * try (Predictor p = Predictor.load(Path.of("runs/cls1"))) {
 *     Classification c = p.classify(PointCloudIO.read(Path.of("chair.ply")));
 *     System.out.println(c.top(5));
 * }
 * }</pre>
 */
package org.pointea.models.inference;
