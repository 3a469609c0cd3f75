/**
 * The readers behind the dataset classes: one {@link org.pointea.io.dataset.source.ShapeSource}
 * per public layout, which lists a split's shapes (checking that every file they need is there)
 * and loads their raw points. Used by {@link org.pointea.io.dataset.ModelNetDataset} and
 * {@link org.pointea.io.dataset.ShapeNetPartDataset}; most users never touch it directly.
 */
package org.pointea.io.dataset.source;
