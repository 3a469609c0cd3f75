/**
 * The {@code pointea} subcommands (picocli), their exit codes ({@link
 * org.pointea.tools.cli.ExitCodes}) and the user-error exception. The entry point is {@link
 * org.pointea.tools.Pointea}.
 */
package org.pointea.tools.cli;
