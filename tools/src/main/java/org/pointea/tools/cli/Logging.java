package org.pointea.tools.cli;

/**
 * Log levels of the command line. The SLF4J backend of the tools is slf4j-simple, configured by
 * {@code simplelogger.properties} to print WARN and above on stderr, which silences jhdf's and
 * ND4J's INFO chatter (jhdf's warnings too, which are about its own writer); {@code --verbose}
 * lowers the level to INFO. System properties override the
 * file, so {@code -Dorg.slf4j.simpleLogger.defaultLogLevel=debug} works too.
 */
public final class Logging {
  /** The slf4j-simple property of the default level. */
  public static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

  /** The slf4j-simple property of jhdf's level (ERROR in the properties file). */
  static final String JHDF_PROPERTY = "org.slf4j.simpleLogger.log.io.jhdf";

  private Logging() {}

  /**
   * Sets the level loggers created from now on will use (slf4j-simple reads it once, when the
   * first logger is created; commands create none before their options are parsed).
   *
   * @param verbose INFO when true; the configured default (WARN) otherwise
   */
  public static void verbose(boolean verbose) {
    if (verbose && System.getProperty(LEVEL_PROPERTY) == null) {
      System.setProperty(LEVEL_PROPERTY, "info");
    }
    if (verbose && System.getProperty(JHDF_PROPERTY) == null) {
      System.setProperty(JHDF_PROPERTY, "info");
    }
  }
}
