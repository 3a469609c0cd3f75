/**
 * Engine set-up: system properties and native-library choices that must be in place before ND4J
 * loads. See {@code docs/engine.md} for the measurements behind each setting.
 */
package org.pointea.models.engine;
