package org.pointea.tools.cli;

/**
 * The device asked for with {@code --device} cannot be used on this machine (no CUDA backend in
 * the build, no NVIDIA driver or GPU, a GPU older than the backend supports, missing CUDA
 * libraries). An environment failure, not a bug: {@link Errors} prints its one-line message and
 * exits {@value ExitCodes#INTERNAL_ERROR}, as for the ND4J CUDA build's refusal.
 */
public final class DeviceUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the refusal.
   *
   * @param message one line: the device and why it cannot be used
   */
  public DeviceUnavailableException(String message) {
    super(message);
  }

  /**
   * Creates the refusal with its cause.
   *
   * @param message one line: the device and why it cannot be used
   * @param cause the backend's refusal
   */
  public DeviceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
