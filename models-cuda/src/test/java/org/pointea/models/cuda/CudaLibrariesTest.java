package org.pointea.models.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CudaLibrariesTest {

    private static Path touch(Path dir, String... names) throws IOException {
        Files.createDirectories(dir);
        for (String n : names) {
            Files.createFile(dir.resolve(n));
        }
        return dir;
    }

    @Test
    void reportsWhatIsMissingAndWhereItLooked(@TempDir Path tmp) throws IOException {
        Path driver = touch(tmp.resolve("driver"), "libcuda.so.1");
        Path toolkit = touch(tmp.resolve("cuda/lib64"), "libcudart.so.12");
        CudaLibraries.Report r = CudaLibraries.find(12, List.of(driver, toolkit), "", Set.of());
        assertThat(r.missing()).containsExactly("libcublas.so.12", "libcublasLt.so.12");
        assertThat(r.nvrtcFound()).isFalse();
        assertThat(r.describe()).contains("missing libcublas.so.12, libcublasLt.so.12")
                .contains("looked in 2 folders").contains(toolkit.toString());
    }

    @Test
    void librariesInTheLinkerCacheCount(@TempDir Path tmp) {
        String ldconfig = "\tlibcuda.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcuda.so.1\n"
                + "\tlibcudart.so.12 (libc6,x86-64) => /x/libcudart.so.12\n"
                + "\tlibcublas.so.12 (libc6,x86-64) => /x/libcublas.so.12\n"
                + "\tlibcublasLt.so.12 (libc6,x86-64) => /x/libcublasLt.so.12\n";
        CudaLibraries.Report r = CudaLibraries.find(12, List.of(), ldconfig, Set.of());
        assertThat(r.missing()).isEmpty();
        assertThat(r.found()).containsEntry("libcublas.so.12", "ldconfig");
        assertThat(r.extraDirs()).isEmpty();
    }

    @Test
    void findsPyTorchWheelsInAVirtualEnvironmentAndSaysToAddThemToTheLinkerPath(@TempDir Path tmp)
            throws IOException {
        Path sp = tmp.resolve("venv/lib/python3.12/site-packages/nvidia");
        Path cublas = touch(sp.resolve("cublas/lib"), "libcublas.so.12", "libcublasLt.so.12");
        Path rt = touch(sp.resolve("cuda_runtime/lib"), "libcudart.so.12");
        Path nvrtc = touch(sp.resolve("cuda_nvrtc/lib"), "libnvrtc.so.12");
        Path driver = touch(tmp.resolve("usr/lib"), "libcuda.so.1");
        List<Path> dirs = CudaLibraries.searchDirs(Map.of("VIRTUAL_ENV", tmp.resolve("venv").toString()), null,
                tmp.resolve("home"));
        assertThat(dirs).contains(cublas, rt, nvrtc);
        List<Path> all = new java.util.ArrayList<>(dirs);
        all.add(driver);
        CudaLibraries.Report r = CudaLibraries.find(12, all, "", Set.of(driver));
        assertThat(r.missing()).isEmpty();
        assertThat(r.nvrtcFound()).isTrue();
        assertThat(r.extraDirs()).containsExactly(rt, cublas, nvrtc);
        assertThat(r.ldLibraryPath("/old")).isEqualTo(rt + ":" + cublas + ":" + nvrtc + ":/old");
    }

    @Test
    void cuda13NamesItsOwnMajorVersion() {
        assertThat(CudaLibraries.required(13)).containsExactly("libcudart.so.13", "libcublas.so.13",
                "libcublasLt.so.13");
        assertThat(CudaLibraries.nvrtc(13)).isEqualTo("libnvrtc.so.13");
    }
}
