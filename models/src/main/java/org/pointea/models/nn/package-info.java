/**
 * The engine's building blocks: fused layers with hand-written backward passes over
 * {@code [rows, channels]} activations, built from ND4J native ops into reused arrays. Internal to
 * the models module (public so the networks in sibling packages can compose them).
 */
package org.pointea.models.nn;
