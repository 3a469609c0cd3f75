/**
 * Rigid registration: point-to-point and point-to-plane ICP with Open3D's {@code
 * registration_icp} semantics ({@link org.pointea.pointcloud.registration.Icp}), its {@code
 * evaluate_registration}, and 4x4 row-major transformation helpers ({@link
 * org.pointea.pointcloud.registration.Transforms}).
 *
 * <pre>{@code
 * RegistrationResult r = Icp.builder().setMaxCorrespondenceDistance(0.05).build()
 *     .register(source, target, Transforms.identity());
 * }</pre>
 */
package org.pointea.pointcloud.registration;
