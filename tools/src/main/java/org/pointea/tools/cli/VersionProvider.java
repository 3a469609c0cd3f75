package org.pointea.tools.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Reports the build's version (from a resource Maven filters at build time) and the runtime. */
public final class VersionProvider implements CommandLine.IVersionProvider {

  /** Returns the pointea version, or {@code "unknown"} when the resource is missing. */
  public static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("/org/pointea/tools/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "pointea " + version(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
          + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
          + Runtime.getRuntime().availableProcessors() + " processors"
    };
  }
}
