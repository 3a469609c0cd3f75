/** Point-cloud and mesh readers and writers (PLY, PCD, OFF, text, NPY, HDF5, ROS PointCloud2) and dataset loaders. */
package org.pointea.io;
