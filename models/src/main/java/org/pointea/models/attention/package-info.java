/**
 * Attention mixers behind one interface ({@link org.pointea.models.attention.Mixer}): External
 * Attention, UFO attention, PCT offset attention and scaled dot-product self-attention, and PCT's
 * residual {@link org.pointea.models.attention.AttentionLayer} around any of them.
 */
package org.pointea.models.attention;
