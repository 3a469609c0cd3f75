/**
 * Models shipped with pointea, ready to run without training: {@link org.pointea.models.pretrained.Pretrained}
 * names them, unpacks them once into the user's cache and opens them as model directories. Each
 * has a model card in {@code docs/pretrained.md} (data, split, recipe, seeds, test accuracy, the
 * data's licence and the inputs it expects).
 */
package org.pointea.models.pretrained;
