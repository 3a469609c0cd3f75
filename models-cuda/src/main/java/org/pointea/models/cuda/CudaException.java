package org.pointea.models.cuda;

/**
 * A CUDA call failed on the device (out of memory, a launch error, a lost device): names the call
 * and CUDA's error text. Unchecked, as an {@link OutOfMemoryError} is on the heap: nothing a caller
 * passes in can cause it, and a network cannot go on after it.
 */
public class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates it with a message. */
    public CudaException(String message) {
        super(message);
    }
}
