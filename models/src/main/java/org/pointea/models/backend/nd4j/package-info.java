/**
 * The CPU backend on ND4J / libnd4j ({@code Backends.cpu()}): the only package of the models
 * module that refers to ND4J or DL4J. {@link org.pointea.models.backend.nd4j.Nd4jRuntime} holds
 * every runtime setting (OpenMP wait policy, allocator, JavaCPP and DL4J properties, TAD
 * threshold) and applies them before ND4J loads.
 */
package org.pointea.models.backend.nd4j;
