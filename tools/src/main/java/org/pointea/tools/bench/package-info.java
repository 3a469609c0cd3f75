/**
 * Benchmark runners, one main class per area ({@code IoBench}, ...), each printing a table or,
 * with {@code --json}, JSON; the peer (Python) scripts live in {@code tools/peers/}.
 */
package org.pointea.tools.bench;
