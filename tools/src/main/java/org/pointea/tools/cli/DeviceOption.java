package org.pointea.tools.cli;

import java.util.regex.Pattern;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.Backends;
import picocli.CommandLine.Option;

/**
 * The {@code --device cpu|cuda[:N]} option of {@code train}, {@code eval}, {@code predict} and
 * {@code bench model}: which backend the network runs on, opened through {@link Backends}. Without
 * the option the command runs where it always did ({@link Backends#getDefault()}: {@code cpu}
 * unless {@code -Dpointea.backend} says otherwise). A malformed value is a user error (exit 1); a
 * device that cannot be used here (no CUDA backend in this build, no driver, no GPU, an old GPU,
 * missing CUDA libraries) is a {@link DeviceUnavailableException}: one line saying why, exit 2.
 *
 * <p>A command declares the option as a picocli mixin field ({@code @Mixin DeviceOption device;})
 * and opens it before any work:
 *
 * <pre>{@code
 * Backend be = device.open();        // null when --device was not given
 * }</pre>
 */
public final class DeviceOption {
  private static final Pattern SPEC = Pattern.compile("cpu|cuda(:\\d{1,4})?");

  /** The option's value as given, or null. */
  @Option(names = "--device", paramLabel = "cpu|cuda[:N]",
      description = "Where the network runs: cpu (default) or cuda / cuda:N (GPU N, through"
          + " pointea's CUDA backend; docs/gpu.md).")
  String device;

  /** Creates the option (picocli does). */
  public DeviceOption() {}

  /**
   * Returns the device as given, or null when the option was not given.
   *
   * @return the value
   */
  public String value() {
    return device;
  }

  /**
   * Opens the backend the option names.
   *
   * @return the backend, or null when the option was not given (the library's default applies)
   * @throws UserException for a value that is not {@code cpu}, {@code cuda} or {@code cuda:N}
   * @throws DeviceUnavailableException when the device cannot be used here
   */
  public Backend open() {
    return device == null ? null : open(device);
  }

  /**
   * Opens the backend named {@code spec} ({@code cpu}, {@code cuda}, {@code cuda:N}).
   *
   * @param spec the value of {@code --device}
   * @return the backend
   * @throws UserException for a malformed value
   * @throws DeviceUnavailableException when the device cannot be used here
   */
  public static Backend open(String spec) {
    String s = spec.strip();
    if (!SPEC.matcher(s).matches()) {
      throw new UserException("--device must be cpu, cuda or cuda:N (N a GPU index), got '" + spec + "'");
    }
    String name = s.startsWith("cuda") ? "cuda" : "cpu";
    if (!Backends.names().contains(name)) {
      throw new DeviceUnavailableException("--device " + s + ": this build of pointea has no " + name
          + " backend (pointea-models-" + name + " is not on the class path; docs/gpu.md)");
    }
    try {
      return Backends.get(s);
    } catch (IllegalStateException e) {
      throw new DeviceUnavailableException("--device " + s + ": " + e.getMessage(), e);
    }
  }
}
