package org.pointea.models.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.pointea.models.backend.BinaryOp;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.ScalarOp;
import org.pointea.models.backend.UnaryOp;

/**
 * The kernels nvcc compiled at build time match the Java side: every entry of {@link Kernel}
 * exists in the PTX with exactly its parameter types, the PTX holds no kernel the Java side does
 * not know, and the operation codes of {@code common.cuh} are the ordinals of the backend's enums.
 */
class KernelSignatureTest {
    private static final Pattern ENTRY = Pattern.compile("\\.visible \\.entry (\\w+)\\(([^)]*)\\)");
    private static final Pattern PARAM = Pattern.compile("\\.param (\\.align 8 \\.b8|\\.\\w+) \\w+(\\[(\\d+)])?");

    private static Map<String, List<String>> entries() {
        Assumptions.assumeTrue(KernelBuild.properties() != null, "kernels not compiled: this build had no nvcc "
                + "(src/main/cuda/build-kernels.sh); CI sets POINTEA_REQUIRE_NVCC=1 so it cannot skip there");
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String module : Kernel.MODULES) {
            String ptx = KernelBuild.ptx(module);
            assertThat(ptx).as("PTX of " + module).isNotNull();
            Matcher m = ENTRY.matcher(ptx);
            while (m.find()) {
                List<String> params = new ArrayList<>();
                Matcher p = PARAM.matcher(m.group(2));
                while (p.find()) {
                    params.add(p.group(3) == null ? p.group(1) : p.group(1) + "[" + p.group(3) + "]");
                }
                out.put(m.group(1), params);
            }
        }
        return out;
    }

    @Test
    void everyKernelIsInThePtxWithItsParameters() {
        Map<String, List<String>> ptx = entries();
        Map<String, List<String>> expected = new HashMap<>();
        for (Kernel k : Kernel.values()) {
            for (DType t : k.typed() ? List.of(DType.FLOAT, DType.DOUBLE) : List.of(DType.INT)) {
                int width = t == DType.DOUBLE ? 8 : 4;
                List<String> decl = new ArrayList<>();
                for (ParamType p : k.params()) {
                    decl.add(p == ParamType.DIMS ? p.ptxDeclaration(width) + "[" + Dims.BYTES + "]"
                            : p.ptxDeclaration(width));
                }
                expected.put(k.entry(t), decl);
            }
        }
        assertThat(ptx).isEqualTo(expected);
    }

    @Test
    void operationCodesAreTheBackendEnumOrdinals() {
        String header = KernelBuild.source(KernelBuild.HEADER);
        Map<String, Integer> defines = new HashMap<>();
        Matcher m = Pattern.compile("#define (BIN|SCA|UNA)_(\\w+) (\\d+)").matcher(header);
        while (m.find()) {
            defines.put(m.group(1) + "_" + m.group(2), Integer.parseInt(m.group(3)));
        }
        for (BinaryOp op : BinaryOp.values()) {
            assertThat(defines).containsEntry("BIN_" + op.name(), op.ordinal());
        }
        for (ScalarOp op : ScalarOp.values()) {
            assertThat(defines).containsEntry("SCA_" + op.name(), op.ordinal());
        }
        for (UnaryOp op : UnaryOp.values()) {
            assertThat(defines).containsEntry("UNA_" + op.name(), op.ordinal());
        }
        assertThat(defines).hasSize(BinaryOp.values().length + ScalarOp.values().length + UnaryOp.values().length);
    }
}
