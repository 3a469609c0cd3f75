package org.pointea.models.cuda;

/**
 * The CUDA backend cannot run on this machine: no driver, no GPU at the index asked for, a GPU
 * older than Volta, missing CUDA libraries, or no way to load the kernels. The message is one
 * paragraph saying what was found and what to install or change.
 */
public class CudaUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Creates it with the explanation. */
    public CudaUnavailableException(String message) {
        super(message);
    }

    /** Creates it with the explanation and the underlying failure. */
    public CudaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
