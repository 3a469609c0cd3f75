package org.pointea.models.cuda;

import org.bytedeco.javacpp.Pointer;

/** A JavaCPP pointer to a device address (for the CUDA calls that take {@code void*}). */
final class DevicePointer extends Pointer {
    DevicePointer(long address) {
        this.address = address;
    }
}
