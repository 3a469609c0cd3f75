/**
 * GPU support checks that run before any native library loads: {@link
 * org.pointea.models.engine.CudaSupport} decides whether ND4J's CUDA build (the {@code cuda} Maven
 * profile) can run on this machine. The CPU backend's runtime settings are in
 * {@code org.pointea.models.backend.nd4j.Nd4jRuntime}.
 */
package org.pointea.models.engine;
