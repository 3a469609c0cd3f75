package org.pointea.io.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.pointea.io.dataset.source.ClassFolderSource;
import org.pointea.io.dataset.source.ClassFolders;

/**
 * The public on-disk layouts of ModelNet and ShapeNet-part that pointea reads, with the archive
 * each comes from and how to recognise it in a folder.
 *
 * <p>{@link #detect(Path)} looks at the folder itself and then, if that holds none, at the known
 * archive folders inside it ({@code modelnet40_normal_resampled/}, {@code ModelNet40/},
 * {@code data/modelnet40_ply_hdf5_2048/}, {@code hdf5_data/}, ...), so both the unpacked folder and
 * its parent work.
 */
public enum DatasetLayout {
  /** PointNet++ {@code modelnet40_normal_resampled}: comma text {@code x,y,z,nx,ny,nz}. */
  MODELNET_NORMAL_RESAMPLED(
      Task.CLASSIFICATION,
      "modelnet40_normal_resampled (PointNet++)",
      List.of(
          new Archive(
              "modelnet40_normal_resampled.zip",
              "https://shapenet.cs.stanford.edu/media/modelnet40_normal_resampled.zip",
              "1.6 GB; 10,000 points with normals per shape",
              "modelnet40_normal_resampled",
              List.of("the URL above has refused connections since 2024"
                  + " (yanx27/Pointnet_Pointnet2_pytorch#281, HuguesTHOMAS/KPConv#171);"
                  + " a copy users name there: Kaggle dataset chenxaoyu/modelnet-normal-resampled",
                  "or Princeton's ModelNet40.zip (the OFF layout), which pointea reads directly"))),
      List.of(
          "modelnet40_shape_names.txt (or shape_names.txt)   one class name per line",
          "modelnet40_train.txt, modelnet40_test.txt         one shape id per line",
          "modelnet10_shape_names.txt, modelnet10_train.txt, modelnet10_test.txt (ModelNet10)",
          "<class>/<shape id>.txt   e.g. airplane/airplane_0001.txt, lines x,y,z,nx,ny,nz")),
  /** PointNet {@code modelnet40_ply_hdf5_2048}: HDF5 batches of 2,048 points. */
  MODELNET_HDF5(
      Task.CLASSIFICATION,
      "modelnet40_ply_hdf5_2048 (PointNet HDF5)",
      List.of(
          new Archive(
              "modelnet40_ply_hdf5_2048.zip",
              "https://shapenet.cs.stanford.edu/media/modelnet40_ply_hdf5_2048.zip",
              "2,048 points per shape, unit sphere",
              "modelnet40_ply_hdf5_2048",
              List.of("the URL above has refused connections since 2024"
                  + " (ma-xu/pointMLP-pytorch#98); a copy users name there and in"
                  + " charlesq34/pointnet#318: Hugging Face dataset Msun/modelnet40,"
                  + " file modelnet40_ply_hdf5_2048.zip"))),
      List.of(
          "train_files.txt, test_files.txt   one .h5 path per line, e.g."
              + " data/modelnet40_ply_hdf5_2048/ply_data_train0.h5",
          "shape_names.txt                   one class name per line",
          "ply_data_train0.h5 ... ply_data_test1.h5   data [B,2048,3], label [B,1]")),
  /** ShapeNet-part {@code shapenetcore_partanno_segmentation_benchmark_v0_normal}. */
  SHAPENET_PART_NORMAL(
      Task.PART_SEGMENTATION,
      "shapenetcore_partanno_segmentation_benchmark_v0_normal (ShapeNet-part)",
      List.of(
          new Archive(
              "shapenetcore_partanno_segmentation_benchmark_v0_normal.zip",
              "https://shapenet.cs.stanford.edu/media/"
                  + "shapenetcore_partanno_segmentation_benchmark_v0_normal.zip",
              "674 MB; xyz, normals and global part ids",
              "shapenetcore_partanno_segmentation_benchmark_v0_normal",
              List.of("the URL above has refused connections since 2024"
                  + " (Pang-Yatian/Point-MAE#56); a copy users name there: the Google Drive link in"
                  + " SkyworkAI/PointCloudMamba's data/README; ShapeNet's own terms apply"
                  + " (https://shapenet.org)"))),
      List.of(
          "synsetoffset2category.txt   '<Name> <synset>' per line",
          "train_test_split/shuffled_{train,val,test}_file_list.json   [\"shape_data/<synset>/<token>\", ...]",
          "<synset>/<token>.txt   lines 'x y z nx ny nz part' (part = global id 0..49)")),
  /** ShapeNet-part in PointNet's HDF5 layout ({@code hdf5_data/}). */
  SHAPENET_PART_HDF5(
      Task.PART_SEGMENTATION,
      "shapenet_part_seg_hdf5_data (PointNet HDF5)",
      List.of(
          new Archive(
              "shapenet_part_seg_hdf5_data.zip",
              "https://shapenet.cs.stanford.edu/media/shapenet_part_seg_hdf5_data.zip",
              "about 346 MB; 2,048 points per shape",
              "hdf5_data",
              List.of("the URL above has refused connections since 2024"
                  + " (yangyangyang127/PointCLIP_V2#32) and no maintained copy is known: use the"
                  + " shapenetcore_partanno_segmentation_benchmark_v0_normal layout instead"))),
      List.of(
          "train_hdf5_file_list.txt, val_hdf5_file_list.txt, test_hdf5_file_list.txt   one .h5 per line",
          "all_object_categories.txt   '<Name> <synset>' per line (optional)",
          "ply_data_train0.h5 ...   data [B,2048,3], label [B,1] (category), pid [B,2048] (part)")),
  /**
   * A folder per class in any format pointea reads, with per-point labels in the files: a
   * part-segmentation dataset whose categories are the class folders and whose part ids are the
   * files' labels ({@link org.pointea.io.dataset.source.ClassFolders}).
   */
  CLASS_FOLDERS_PARTS(
      Task.PART_SEGMENTATION,
      "folder per class with per-point labels (any format)",
      List.of(),
      List.of(
          "<class>/train/<id>.<ext>, <class>/test/<id>.<ext> [<class>/val/<id>.<ext>]",
          "  or <class>/<id>.<ext> with train.txt, test.txt [val.txt]: '<class>/<id>' per line",
          "<ext>: ply, pcd, npy, txt, xyz, ... whose points carry a label field or column",
          "classes.txt (optional)   one category name per line, in label order")),
  /**
   * A folder per class in any format pointea reads: ModelNet's Princeton OFF meshes, its NumPy
   * re-releases, or a team's own shapes ({@link org.pointea.io.dataset.source.ClassFolders}).
   */
  CLASS_FOLDERS(
      Task.CLASSIFICATION,
      "folder per class (OFF, PLY, PCD, NPY, text)",
      List.of(
          new Archive(
              "ModelNet40.zip",
              "http://modelnet.cs.princeton.edu/ModelNet40.zip",
              "about 2 GB of OFF meshes; ModelNet10: http://vision.princeton.edu/projects/2014/"
                  + "3DShapeNets/ModelNet10.zip",
              "ModelNet40",
              List.of("the official page https://modelnet.cs.princeton.edu/ (the authors' own"
                  + " download; pointea samples these meshes itself, so this layout also stands in"
                  + " for modelnet40_normal_resampled)")),
          new Archive(
              "ModelNet40 as NumPy files",
              "https://github.com/prasadsawant5/PointNet (folder ModelNet40/)",
              "194 MB; <class>/{train,test}/<id>.npy, float32 [1024, 3], unit sphere, z up;"
                  + " no licence is stated: for training and measurement on your own machine",
              "ModelNet40",
              List.of())),
      List.of(
          "<class>/train/<id>.<ext>, <class>/test/<id>.<ext> [<class>/val/<id>.<ext>]",
          "  e.g. airplane/train/airplane_0001.off or chair/test/chair_0890.npy",
          "  or <class>/<id>.<ext> with train.txt, test.txt [val.txt]: '<class>/<id>' per line",
          "<ext>: off (mesh, surface-sampled), ply, pcd, npy, txt, xyz, ... (one shape per file)",
          "classes.txt (optional)   one class name per line, in label order; else sorted folders"));

  /**
   * A downloadable archive.
   *
   * @param fileName the archive's file name
   * @param url where the reference code downloads it from
   * @param note size and content
   * @param folder the folder it unpacks to
   * @param alternatives where users get it today when {@code url} fails: copies named in the
   *     reference repositories' issue trackers (not the authors' own), or another layout
   */
  public record Archive(String fileName, String url, String note, String folder,
      List<String> alternatives) {
    /** Copies the list. */
    public Archive {
      alternatives = List.copyOf(alternatives);
    }
  }

  /** Folder names the detector descends into, with {@code data} for PointNet's repository. */
  private static final List<String> KNOWN_FOLDERS =
      List.of(
          "shapenetcore_partanno_segmentation_benchmark_v0_normal",
          "hdf5_data",
          "modelnet40_ply_hdf5_2048",
          "modelnet40_normal_resampled",
          "ModelNet40",
          "ModelNet10",
          "data");

  private final Task task;
  private final String title;
  private final List<Archive> archives;
  private final List<String> expected;

  DatasetLayout(Task task, String title, List<Archive> archives, List<String> expected) {
    this.task = task;
    this.title = title;
    this.archives = archives;
    this.expected = expected;
  }

  /** Returns the task this layout's labels serve. */
  public Task task() {
    return task;
  }

  /** Returns a human-readable name, e.g. {@code modelnet40_normal_resampled (PointNet++)}. */
  public String title() {
    return title;
  }

  /** Returns the archives a user can unpack to get this layout. */
  public List<Archive> archives() {
    return archives;
  }

  /** Returns the files this layout expects, one description per line. */
  public List<String> expectedFiles() {
    return expected;
  }

  /**
   * Finds the layout of a dataset folder: the folder itself, or a known archive folder inside it
   * (up to two levels, e.g. {@code data/modelnet40_ply_hdf5_2048}).
   *
   * @param dir the folder
   * @return the dataset's root folder and layout, or empty when none is recognised
   * @throws IOException when the folder cannot be listed
   */
  public static Optional<DatasetLocation> detect(Path dir) throws IOException {
    return detect(dir, null);
  }

  /**
   * Finds a layout serving one task, as {@link #detect(Path)}.
   *
   * @param dir the folder
   * @param task the task wanted, or null for any
   * @return the dataset's root folder and layout, or empty
   * @throws IOException when the folder cannot be listed
   */
  public static Optional<DatasetLocation> detect(Path dir, Task task) throws IOException {
    return detect(dir, task, 2);
  }

  private static Optional<DatasetLocation> detect(Path dir, Task task, int depth)
      throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    for (DatasetLayout l : values()) {
      if ((task == null || l.task == task) && l.matches(dir)) {
        return Optional.of(new DatasetLocation(dir, l));
      }
    }
    if (depth > 0) {
      for (String name : KNOWN_FOLDERS) {
        Path child = dir.resolve(name);
        if (Files.isDirectory(child)) {
          Optional<DatasetLocation> found = detect(child, task, depth - 1);
          if (found.isPresent()) {
            return found;
          }
        }
      }
    }
    return Optional.empty();
  }

  private boolean matches(Path dir) throws IOException {
    return switch (this) {
      case SHAPENET_PART_NORMAL -> Files.isRegularFile(dir.resolve("synsetoffset2category.txt"))
          && Files.isDirectory(dir.resolve("train_test_split"));
      case SHAPENET_PART_HDF5 -> anyFile(dir, "train_hdf5_file_list.txt", "val_hdf5_file_list.txt",
          "test_hdf5_file_list.txt");
      case MODELNET_HDF5 -> anyFile(dir, "train_files.txt", "test_files.txt");
      case MODELNET_NORMAL_RESAMPLED -> anyFile(dir, "modelnet40_train.txt", "modelnet40_test.txt",
          "modelnet10_train.txt", "modelnet10_test.txt", "modelnet40_shape_names.txt",
          "modelnet10_shape_names.txt");
      case CLASS_FOLDERS -> ClassFolders.looksLikeTree(dir);
      case CLASS_FOLDERS_PARTS -> ClassFolders.looksLikeTree(dir) && firstShapeHasLabels(dir);
    };
  }

  private static boolean anyFile(Path dir, String... names) {
    for (String n : names) {
      if (Files.isRegularFile(dir.resolve(n))) {
        return true;
      }
    }
    return false;
  }

  private static boolean firstShapeHasLabels(Path dir) throws IOException {
    Optional<Path> first = ClassFolders.firstShape(dir);
    return first.isPresent() && ClassFolderSource.contents(first.get()).labels();
  }

  /**
   * Where a dataset was found.
   *
   * @param root the folder holding the layout's files
   * @param layout the layout
   */
  public record DatasetLocation(Path root, DatasetLayout layout) {}
}
