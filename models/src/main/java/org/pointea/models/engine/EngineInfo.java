package org.pointea.models.engine;

import java.util.Properties;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** Reads what the loaded backend reports; kept apart from {@link Engine} so that init loads nothing. */
final class EngineInfo {

    private EngineInfo() {
    }

    static String describe() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String build = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        boolean onednn = build != null && build.contains("HAVE_ONEDNN");
        return "backend=" + env.getProperty("backend")
                + " onednn=" + onednn
                + " dl4jHelpers=" + dl4jHelpersLive()
                + " ompThreads=" + env.get("omp.threads")
                + " tadThreshold=" + Nd4j.getEnvironment().tadThreshold()
                + " blas=" + env.get("blas.vendor");
    }

    static void setTadThreshold(int t) {
        Nd4j.getEnvironment().setTadThreshold(t);
    }

    /** True when DL4J's layer helpers will use oneDNN (needs the property and the shim). */
    static boolean dl4jHelpersLive() {
        try {
            return BaseMKLDNNHelper.mklDnnEnabled();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
