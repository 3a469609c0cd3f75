/** Shim restoring a class DL4J 1.0.0-M2.1 looks up under its pre-rename name; see {@link org.nd4j.nativeblas.Nd4jCpu}. */
package org.nd4j.nativeblas;
