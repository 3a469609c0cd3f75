/**
 * What every network is: {@link org.pointea.models.network.Network} = a
 * {@link org.pointea.models.network.Backbone} + a task {@link org.pointea.models.network.Head}
 * ({@link org.pointea.models.network.ComposedNetwork}), built from a
 * {@link org.pointea.models.network.NetworkConfig} on a backend, fed
 * {@link org.pointea.models.network.CloudBatch}es. Architectures register by name
 * ({@link org.pointea.models.network.Architectures}).
 */
package org.pointea.models.network;
