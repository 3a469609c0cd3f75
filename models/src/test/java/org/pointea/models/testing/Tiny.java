package org.pointea.models.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.synthetic.PartCategory;
import org.pointea.io.dataset.synthetic.ShapeClass;
import org.pointea.io.dataset.synthetic.SyntheticModelNet;
import org.pointea.io.dataset.synthetic.SyntheticShapeNetPart;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.pct.PctClassifierConfig;
import org.pointea.models.pct.PctSegmenterConfig;
import org.pointea.models.store.ModelSpec;
import org.pointea.models.data.Preprocessing;
import org.pointea.io.dataset.Subsampling;
import org.pointea.pointcloud.ShapeNetPart;

/** Tiny networks and synthetic datasets that train in seconds, for the training tests. */
public final class Tiny {
    private Tiny() {
    }

    /** Three classes: cone, cube, torus. */
    public static final List<ShapeClass> CLASSES = List.of(ShapeClass.CONE, ShapeClass.CUBE, ShapeClass.TORUS);

    /** A 3-class classifier on 64 points with a handful of channels. */
    public static PctClassifierConfig classifier() {
        return new PctClassifierConfig(3, 64, 32, 16, 8, 8, 16, 16, 32, 16, 16, 0.5,
                MixerConfig.external(8, 1, false));
    }

    /** Its spec, with the class names of {@link #modelNet}. */
    public static ModelSpec classifierSpec() {
        List<String> names = new ArrayList<>(CLASSES.stream().map(ShapeClass::id).toList());
        names.sort(Comparator.naturalOrder());
        return ModelSpec.of("custom", classifier(), names, Preprocessing.fpsUnitSphere());
    }

    /** A ShapeNet-part segmenter on 64 points with 16 channels. */
    public static PctSegmenterConfig segmenter() {
        return new PctSegmenterConfig(ShapeNetPart.PARTS, ShapeNetPart.CATEGORIES, 64, 16, 32, 0.5,
                MixerConfig.external(8, 1, false));
    }

    /** Its spec. */
    public static ModelSpec segmenterSpec() {
        return ModelSpec.of("custom", segmenter(), ShapeNetPart.categoryNames(),
                new Preprocessing(Subsampling.RANDOM_WITH_REPLACEMENT, Preprocessing.Normalization.UNIT_SPHERE));
    }

    /** Writes a 3-class ModelNet-style dataset (PointNet++ layout, 128 points per shape) and returns its folder. */
    public static Path modelNet(Path parent, int trainPerClass, int testPerClass) throws IOException {
        Path dir = parent.resolve("modelnet40_normal_resampled");
        SyntheticModelNet.builder().optClasses(CLASSES).optTrainPerClass(trainPerClass)
                .optTestPerClass(testPerClass).optPoints(128).optSeed(5).build()
                .write(dir, DatasetLayout.MODELNET_NORMAL_RESAMPLED, DatasetProgress.NONE);
        return dir;
    }

    /** Writes a 2-category ShapeNet-part-style dataset (Laptop, Mug) and returns its folder. */
    public static Path shapeNetPart(Path parent, int train, int val, int test) throws IOException {
        Path dir = parent.resolve("shapenetcore_partanno_segmentation_benchmark_v0_normal");
        SyntheticShapeNetPart.builder().optCategories(List.of(PartCategory.LAPTOP, PartCategory.MUG))
                .optShapesPerCategory(train, val, test).optPoints(200, 300).optSeed(5).build()
                .write(dir, DatasetLayout.SHAPENET_PART_NORMAL, DatasetProgress.NONE);
        return dir;
    }
}
