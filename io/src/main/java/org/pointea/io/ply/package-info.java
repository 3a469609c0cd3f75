/**
 * Stanford PLY: ascii, binary_little_endian and binary_big_endian; every scalar type under both its
 * old and its sized name; list properties; vertex and face elements (others skipped); comments and
 * obj_info; CRLF headers.
 */
package org.pointea.io.ply;
