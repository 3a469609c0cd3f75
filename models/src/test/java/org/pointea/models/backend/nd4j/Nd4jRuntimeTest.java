package org.pointea.models.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Regression tests for the ND4J / DL4J 1.0.0-M2.1 defects {@link Nd4jRuntime} works around, and
 * for the runtime settings it applies. The surefire configuration sets none of these properties or
 * variables, so each test fails if {@link Nd4jRuntime} (applied by {@code Backends.cpu()}, called by
 * the test launcher's session listener as a library user's first model call would) stops applying
 * it.
 */
class Nd4jRuntimeTest {

    @Test
    void selectsTheOneDnnBuildOfLibnd4j() {
        Nd4j.create(1);
        assertThat(NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo()).contains("HAVE_ONEDNN");
        assertThat(System.getProperty(Nd4jRuntime.PLATFORM_EXTENSION)).isEqualTo("-onednn");
    }

    /** M2.1 defaults {@code helpers.disable} to true: without the property every helper below is null. */
    @Test
    void dl4jLayersGetTheirOneDnnHelpers() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .list()
                .layer(new ConvolutionLayer.Builder(1, 1).nIn(4).nOut(8).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(1, 2).stride(1, 2)
                        .build())
                .layer(new OutputLayer.Builder().nOut(3).build())
                .setInputType(InputType.convolutional(2, 8, 4))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertThat(net.getLayer(0).getHelper()).isInstanceOf(MKLDNNConvHelper.class);
        assertThat(net.getLayer(1).getHelper()).isInstanceOf(MKLDNNBatchNormHelper.class);
        assertThat(net.getLayer(2).getHelper()).isInstanceOf(MKLDNNSubsamplingHelper.class);
    }

    /** M2.1 renamed the class DL4J looks up; the shim {@code org.nd4j.nativeblas.Nd4jCpu} restores it. */
    @Test
    void shimAnswersTheHelperCheck() throws Exception {
        Class<?> env = Class.forName("org.nd4j.nativeblas.Nd4jCpu$Environment");
        Object instance = env.getMethod("getInstance").invoke(null);
        assertThat((Boolean) env.getMethod("isUseMKLDNN").invoke(instance)).isTrue();
        assertThat(BaseMKLDNNHelper.mklDnnEnabled()).isTrue();
    }

    /** JavaCPP caps off-heap memory at -Xmx by default (2 GB here), far below a PCT batch's needs. */
    @Test
    void offHeapLimitIsRaisedAboveTheHeapLimit() {
        assertThat(Pointer.maxBytes()).isGreaterThan(Runtime.getRuntime().maxMemory());
        assertThat(Nd4jRuntime.describe()).contains("onednn=true").contains("dl4jHelpers=true");
    }

    /**
     * The OpenMP wait policy reaches libnd4j's OpenMP runtime without the launcher or any
     * environment: a child JVM started without {@code OMP_WAIT_POLICY} and {@code GLIBC_TUNABLES}
     * loads the backend, and libgomp itself reports the policy it read when it loaded
     * ({@code OMP_DISPLAY_ENV}). Without {@link Nd4jRuntime}'s {@code setenv} it reports
     * {@code ACTIVE}/spinning defaults and the training step runs 5–10× slower on a busy machine.
     */
    @Test
    void openMpThreadsSleepWhileWaitingWithoutTheLaunchersEnvironment() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Nd4jRuntimeTest.class.getName())
                .redirectErrorStream(true);
        pb.environment().remove("OMP_WAIT_POLICY");
        pb.environment().remove("GLIBC_TUNABLES");
        pb.environment().put("OMP_DISPLAY_ENV", "TRUE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(out).contains("CHILD OK").containsPattern("OMP_WAIT_POLICY = 'PASSIVE'");
        assertThat(out).contains("mallopt");
    }

    /** The child of {@link #openMpThreadsSleepWhileWaitingWithoutTheLaunchersEnvironment}. */
    public static void main(String[] args) {
        org.pointea.models.backend.Backend be = org.pointea.models.backend.Backends.cpu();
        System.out.println(be.describe());
        System.out.println(Nd4jRuntime.applied());
        System.out.println("CHILD OK");
        System.out.flush();
        System.exit(0);
    }
}
