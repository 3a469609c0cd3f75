#!/usr/bin/env python3
"""Builds models/src/test/resources/real-subset: real shapes from redistributable sources, in pointea's
folder-per-class layout (<modelnet40 class>/test/<id>.<ext>), used to regression-test the shipped
ModelNet40 model and its preprocessing (PretrainedModelNet40Test). Not an accuracy claim: the test
compares the model's predictions with the ones recorded in expected.json.

Inputs (fetched snapshots, never committed themselves):
  --robotlocomotion DIR   a checkout of github.com/RobotLocomotion/models (commit 4723170):
                          Poly Haven CC0 furniture (tutorials/models/assets), YCB mustard bottle (CC-BY 4.0,
                          ycb/meshes), TRI's EVO bowl (BSD-3-Clause, dishes/assets)
  --real DIR              /work/shared/data/real (Open3D's MIT bathtub_0154.ply, an MIT LiDAR car cluster)

Meshes are read with Open3D 0.16, turned from glTF's y-up to ModelNet's z-up, decimated with quadric
error metrics to at most 3,000 triangles (the shape stays; the files stay small) and written as binary
PLY meshes, which pointea surface-samples like ModelNet's OFF files. Run with /usr/bin/python3.
"""
import argparse, json, os, shutil
import numpy as np
import open3d as o3d

# (modelnet40 class, id, source path relative to its root, licence, origin)
MESHES = [
    ("sofa", "polyhaven_sofa_03", "tutorials/models/assets/sofa_03_1k.gltf", "CC0-1.0", "https://polyhaven.com/a/sofa_03"),
    ("table", "polyhaven_wooden_table_02", "tutorials/models/assets/wooden_table_02_1k.gltf", "CC0-1.0", "https://polyhaven.com/a/wooden_table_02"),
    ("stool", "polyhaven_painted_wooden_stool", "tutorials/models/assets/painted_wooden_stool_1k.gltf", "CC0-1.0", "https://polyhaven.com/a/painted_wooden_stool"),
    ("bookshelf", "polyhaven_wooden_bookshelf_worn", "tutorials/models/assets/wooden_bookshelf_worn_1k.gltf", "CC0-1.0", "https://polyhaven.com/a/wooden_bookshelf_worn"),
    ("dresser", "polyhaven_painted_wooden_cabinet", "tutorials/models/assets/painted_wooden_cabinet_1k.gltf", "CC0-1.0", "https://polyhaven.com/a/painted_wooden_cabinet"),
    ("wardrobe", "polyhaven_painted_wooden_cabinet_02", "tutorials/models/assets/painted_wooden_cabinet_02_1k.gltf", "CC0-1.0", "https://polyhaven.com/a/painted_wooden_cabinet_02"),
    ("curtain", "robotlocomotion_curtain_open", "tutorials/models/assets/curtain_open.gltf", "BSD-3-Clause (RobotLocomotion/models tutorials)", "RobotLocomotion/models"),
    ("bowl", "tri_evo_bowl", "dishes/assets/evo_bowl.gltf", "BSD-3-Clause (Toyota Research Institute, dishes/LICENSE)", "RobotLocomotion/models"),
    ("bottle", "ycb_006_mustard_bottle", "ycb/meshes/006_mustard_bottle_textured.gltf", "CC-BY-4.0 (YCB object set, ycb/meshes/LICENSE.txt)", "https://www.ycbbenchmarks.com"),
]
# (class, id, file under --real, licence, origin): copied as they are
CLOUDS = [
    ("bathtub", "open3d_bathtub_0154", "ply/open3d/bathtub_0154.ply", "MIT (isl-org/Open3D examples/TestData)", "isl-org/Open3D"),
    ("car", "abdullahozer11_car_0", "pcd/other/abdullahozer11_car_0.pcd", "MIT (abdullahozer11/Segmentation-and-Classification-of-Objects-in-Point-Clouds)", "LiDAR cluster"),
]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--robotlocomotion", required=True)
    ap.add_argument("--real", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    rows = []
    y_up_to_z_up = np.array([[1, 0, 0], [0, 0, -1], [0, 1, 0]], dtype=float)
    for cls, ident, rel, lic, origin in MESHES:
        m = o3d.io.read_triangle_mesh(os.path.join(a.robotlocomotion, rel))
        m.rotate(y_up_to_z_up, center=(0, 0, 0))
        if len(m.triangles) > 3000:
            m = m.simplify_quadric_decimation(3000)
        m.remove_unreferenced_vertices()
        clean = o3d.geometry.TriangleMesh(m.vertices, m.triangles)
        d = os.path.join(a.out, cls, "test")
        os.makedirs(d, exist_ok=True)
        o3d.io.write_triangle_mesh(os.path.join(d, ident + ".ply"), clean, write_ascii=False,
                                   write_vertex_normals=False, write_vertex_colors=False)
        rows.append((cls, ident + ".ply", "RobotLocomotion/models@4723170:" + rel, lic, origin,
                     f"mesh, {len(clean.vertices)} vertices, {len(clean.triangles)} triangles"))
    for cls, ident, rel, lic, origin in CLOUDS:
        d = os.path.join(a.out, cls, "test")
        os.makedirs(d, exist_ok=True)
        ext = os.path.splitext(rel)[1]
        shutil.copyfile(os.path.join(a.real, rel), os.path.join(d, ident + ext))
        rows.append((cls, ident + ext, "shared/data/real/" + rel, lic, origin, "cloud, as written by its source"))
    with open(os.path.join(a.out, "PROVENANCE.md"), "w") as f:
        f.write("# Real subset: provenance and licences\n\n")
        f.write("Written by `models/src/test/scripts/make_real_subset.py`. Each file is one shape of the ModelNet40 class\n")
        f.write("of its folder. Meshes were turned y-up -> z-up and decimated to <= 3,000 triangles.\n\n")
        f.write("| class | file | source | licence | origin | content |\n|---|---|---|---|---|---|\n")
        for r in rows:
            f.write("| " + " | ".join(r) + " |\n")
    print(json.dumps([r[:2] for r in rows]))

if __name__ == "__main__":
    main()
