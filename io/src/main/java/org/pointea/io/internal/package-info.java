/**
 * Building blocks shared by the format readers and writers: bounded file access, a line-aware
 * ASCII scanner, exact number parsing and printing, typed field decoding and encoding, and atomic
 * output. Not part of the public API; names here may change without notice.
 */
package org.pointea.io.internal;
