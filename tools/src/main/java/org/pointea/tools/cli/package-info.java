/**
 * The {@code pointea} subcommands (picocli) and what they share: exit codes ({@link
 * org.pointea.tools.cli.ExitCodes}), one-line error reporting ({@link
 * org.pointea.tools.cli.Errors}, {@link org.pointea.tools.cli.UserException}), input files
 * ({@link org.pointea.tools.cli.CloudFiles}), output files and encodings ({@link
 * org.pointea.tools.cli.OutputOptions}), JSON output ({@link org.pointea.tools.cli.Json}) and
 * logging ({@link org.pointea.tools.cli.Logging}). The entry point is {@link
 * org.pointea.tools.Pointea}; {@code docs/cli.md} says how to add a command.
 */
package org.pointea.tools.cli;
