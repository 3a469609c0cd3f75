/**
 * {@code pointea view}: a small HTTP server on 127.0.0.1 that serves clouds and meshes in a
 * binary form to a WebGL page (three.js, built from npm packages into the jar) for orbit / pan /
 * zoom, colouring by rgb / height / normal / label, and picking.
 *
 * <pre>{@code
 * ViewScene scene = ViewScene.builder().optUpAxis(2).add("scan.pcd", cloud).build();
 * try (ViewServer server = ViewServer.start(scene)) {
 *     System.out.println(server.url());   // http://127.0.0.1:PORT/TOKEN/
 * }
 * }</pre>
 */
package org.pointea.tools.view;
