package org.pointea.models.cuda;

import java.util.HashMap;
import java.util.Map;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BackendProvider;

/**
 * Registers the CUDA backend as {@code cuda} with {@code Backends} ({@code cuda}, {@code cuda:N}).
 * Asking whether it is available runs {@code nvidia-smi} and looks for the libraries
 * ({@link CudaBackendSupport}); nothing native loads until {@link #create} opens a device.
 */
public final class CudaBackendProvider implements BackendProvider {
    private static final Map<Integer, CudaBackend> OPEN = new HashMap<>();
    private static volatile String reason;
    private static volatile boolean checked;

    /** Creates the provider (the ServiceLoader does). */
    public CudaBackendProvider() {
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String unavailableReason() {
        if (!checked) {
            synchronized (CudaBackendProvider.class) {
                if (!checked) {
                    String presets = CudaPresets.version();
                    if (presets == null) {
                        reason = "JavaCPP's CUDA presets (org.bytedeco:cuda) are not on the class path.";
                    } else {
                        int major = CudaPresets.cudaMajor(presets);
                        reason = CudaBackendSupport.decide(CudaBackendSupport.runSmi(), major, CudaLibraries.find(major));
                    }
                    checked = true;
                }
            }
        }
        return reason;
    }

    @Override
    public Backend create(int device) {
        synchronized (OPEN) {
            CudaBackend b = OPEN.get(device);
            if (b == null) {
                try {
                    b = new CudaBackend(CudaDevice.open(device, GemmPrecision.fromSystemProperty()));
                } catch (CudaUnavailableException e) {
                    throw new IllegalStateException("the cuda backend cannot run here: " + e.getMessage(), e);
                }
                OPEN.put(device, b);
            }
            return b;
        }
    }
}
