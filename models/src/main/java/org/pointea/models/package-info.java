/** Attention layers, point transformers, training and inference on Deeplearning4j / ND4J; the only module that uses ND4J. */
package org.pointea.models;
