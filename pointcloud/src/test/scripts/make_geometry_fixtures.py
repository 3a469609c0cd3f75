#!/usr/bin/env python3
"""Writes the conformance fixtures of the geometry tests: real clouds and what Open3D / PCL make of them.

For each real cloud it stores, in pointcloud/src/test/resources/geometry/<name>.npz (numpy's
compressed archive), the positions exactly as Open3D 0.16 reads them (float32, NaN points dropped)
and the index sets (as numpy.packbits bit masks) / labels (int16) that Open3D 0.16 (python3-open3d) and PCL 1.13 (Debian pcl-tools:
pcl_outlier_removal, pcl_cluster_extraction, pcl_sac_segmentation_plane) compute on them; scalar
results (plane models, ICP transformations, fitness, RMSE) and every parameter go to goldens.json.
PCL's tools print no indices, so the input is written as a PCD with an extra `idx` field, which
their ExtractIndices carries into the output.

Usage (from the repository root; Debian python3-open3d and pcl-tools, so /usr/bin/python3):
  /usr/bin/python3 pointcloud/src/test/scripts/make_geometry_fixtures.py \
      [--real /work/shared/data/real] [--open3d-data DIR-with-cloud_bin_1.pcd-and-cropped.json]
The sources, with their licences, are listed in the README.md next to the fixtures.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import open3d as o3d

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "geometry"))

# Open3D's cloud_bin_0 and cloud_bin_1 (examples/TestData/Feature) are two overlapping scans of one
# room, stored in one frame; ICP starts from a perturbation of that alignment: 3 degrees about z and
# (3, -2, 1) cm
def _init():
    a = np.radians(3.0)
    t = np.eye(4)
    t[:2, :2] = [[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]]
    t[:3, 3] = [0.03, -0.02, 0.01]
    return t


TRANS_INIT = _init()


def read_xyz(path):
    pc = o3d.io.read_point_cloud(path)
    xyz = np.asarray(pc.points)
    keep = np.isfinite(xyz).all(axis=1)
    normals = np.asarray(pc.normals)[keep] if pc.has_normals() else None
    return xyz[keep].astype(np.float32), (None if normals is None else normals.astype(np.float32))


def cloud(xyz, normals=None):
    pc = o3d.geometry.PointCloud(o3d.utility.Vector3dVector(xyz.astype(np.float64)))
    if normals is not None:
        pc.normals = o3d.utility.Vector3dVector(normals.astype(np.float64))
    return pc


def indexed(xyz):
    """A cloud whose colours carry the point index (exact in float64), to recover crop indices."""
    pc = cloud(xyz)
    col = np.zeros((len(xyz), 3))
    col[:, 0] = np.arange(len(xyz))
    pc.colors = o3d.utility.Vector3dVector(col)
    return pc


def crop_indices(pc):
    return np.asarray(pc.colors)[:, 0].astype(np.int64)


# ------------------------------------------------------------------------------------------ PCL

def write_indexed_pcd(path, xyz):
    n = len(xyz)
    rec = np.zeros(n, dtype=[("x", "<f4"), ("y", "<f4"), ("z", "<f4"), ("idx", "<u4")])
    rec["x"], rec["y"], rec["z"] = xyz[:, 0], xyz[:, 1], xyz[:, 2]
    rec["idx"] = np.arange(n)
    header = ("# .PCD v0.7 - Point Cloud Data file format\nVERSION 0.7\nFIELDS x y z idx\n"
              "SIZE 4 4 4 4\nTYPE F F F U\nCOUNT 1 1 1 1\nWIDTH %d\nHEIGHT 1\n"
              "VIEWPOINT 0 0 0 1 0 0 0\nPOINTS %d\nDATA binary\n" % (n, n))
    with open(path, "wb") as f:
        f.write(header.encode("ascii"))
        f.write(rec.tobytes())


def read_idx(path, tmp):
    """Returns the idx field of a PCD any PCL tool wrote (converted to ascii by PCL first)."""
    asc = os.path.join(tmp, "ascii_" + os.path.basename(path))
    subprocess.run(["pcl_convert_pcd_ascii_binary", path, asc, "0"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(asc) as f:
        lines = f.read().splitlines()
    fields = next(l for l in lines if l.startswith("FIELDS")).split()[1:]
    start = next(i for i, l in enumerate(lines) if l.startswith("DATA")) + 1
    col = fields.index("idx")
    return np.array([int(float(l.split()[col])) for l in lines[start:] if l.strip()], dtype=np.int64)


def pcl_outliers(xyz, tmp, method, **opts):
    src = os.path.join(tmp, "in.pcd")
    out = os.path.join(tmp, "out_%s.pcd" % method)
    write_indexed_pcd(src, xyz)
    args = ["pcl_outlier_removal", src, out, "-method", method]
    for k, v in opts.items():
        args += ["-" + k, str(v)]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return np.sort(read_idx(out, tmp))


def pcl_clusters(xyz, tmp, tolerance, min_size, max_size):
    src = os.path.join(tmp, "in.pcd")
    write_indexed_pcd(src, xyz)
    for f in glob.glob(os.path.join(tmp, "cl_*.pcd")):
        os.remove(f)
    subprocess.run(["pcl_cluster_extraction", src, os.path.join(tmp, "cl_.pcd"), "-tolerance",
                    repr(tolerance), "-min", str(min_size), "-max", str(max_size)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    labels = np.full(len(xyz), -1, dtype=np.int64)
    files = glob.glob(os.path.join(tmp, "cl_[0-9]*.pcd"))
    for f in sorted(files, key=lambda p: int(os.path.basename(p)[3:-4])):
        labels[read_idx(f, tmp)] = int(os.path.basename(f)[3:-4])
    return labels


def pcl_plane(xyz, tmp, threshold, max_it):
    src = os.path.join(tmp, "in.pcd")
    out = os.path.join(tmp, "plane.pcd")
    write_indexed_pcd(src, xyz)
    r = subprocess.run(["pcl_sac_segmentation_plane", src, out, "-thresh", repr(threshold),
                        "-max_it", str(max_it)], check=True, capture_output=True, text=True)
    text = r.stdout + r.stderr
    coeffs = text.split("Model coefficients: [")[1].split("]")[0]
    coeffs = [float(c) for c in coeffs.replace("\x1b", " ").split() if c[0] in "-0123456789."]
    return np.array(coeffs[-4:]), np.sort(read_idx(out, tmp))


# ----------------------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--real", default="/work/shared/data/real")
    ap.add_argument("--open3d-data", required=True,
                    help="folder with Open3D's examples/TestData/Feature/cloud_bin_1.pcd and "
                         "examples/TestData/Crop/cropped.json (commit 9598f039)")
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    goldens = {"open3d": o3d.__version__, "pcl": pcl_version(), "cases": {}}
    arrays = {}
    data = {}

    def case(name, dataset, algorithm, params, result=None, array=None):
        goldens["cases"][name] = {"dataset": dataset, "algorithm": algorithm, "params": params,
                                  "result": result or {}}
        if array is not None:
            a = np.asarray(array).astype(np.int64)
            if algorithm.startswith(("dbscan", "euclidean")):
                # labels, one per point (of the subset), in 16 bits
                arrays.setdefault(dataset, {})[name] = a.astype(np.int16)
            else:
                # an index set, as a bit mask over the dataset's points (numpy.packbits order)
                mask = np.zeros(len(data[dataset][0]), dtype=bool)
                mask[a] = True
                arrays.setdefault(dataset, {})[name] = np.packbits(mask)
        log(f"{name}: {'' if array is None else len(array)} {result or ''}")

    with tempfile.TemporaryDirectory() as tmp:
        data["fragment"] = read_xyz(os.path.join(args.real, "pcd/open3d/fragment.pcd"))
        data["table_scene_mug"] = read_xyz(os.path.join(
            args.real, "generated/pcl/table_scene_mug_passthrough_keep.pcd"))
        data["milk"] = read_xyz(os.path.join(args.real, "pcd/pcl/milk.pcd"))
        data["sac_plane_test"] = read_xyz(os.path.join(args.real, "pcd/pcl/sac_plane_test.pcd"))
        data["cloud_bin_0"] = read_xyz(os.path.join(args.real, "pcd/open3d/cloud_bin_0.pcd"))
        data["cloud_bin_1"] = read_xyz(os.path.join(args.open3d_data, "cloud_bin_1.pcd"))
        data["lattice"] = (lattice(), None)
        for name, (xyz, normals) in data.items():
            arrays[name] = {"xyz": xyz}
            if normals is not None and name.startswith("cloud_bin"):
                arrays[name]["normals"] = normals  # point-to-plane ICP needs them

        # statistical outlier removal
        for ds, k, r in (("fragment", 20, 2.0), ("table_scene_mug", 20, 2.0), ("milk", 20, 2.0),
                         ("table_scene_mug", 50, 1.0)):
            _, ind = cloud(data[ds][0]).remove_statistical_outlier(k, r)
            case(f"{ds}_sor_open3d_{k}_{r}", ds, "statistical_open3d",
                 {"nb_neighbors": k, "std_ratio": r}, array=ind)
        for ds, k, r in (("table_scene_mug", 50, 1.0), ("milk", 50, 1.0), ("fragment", 20, 2.0)):
            ind = pcl_outliers(data[ds][0], tmp, "statistical", mean_k=k, std_dev_mul=r)
            case(f"{ds}_sor_pcl_{k}_{r}", ds, "statistical_pcl", {"mean_k": k, "std_dev_mul": r},
                 array=ind)

        # radius outlier removal
        for ds, k, r in (("fragment", 16, 0.02), ("table_scene_mug", 10, 0.005),
                         ("milk", 8, 0.004), ("lattice", 4, 0.25), ("lattice", 3, 0.5)):
            _, ind = cloud(data[ds][0]).remove_radius_outlier(k, r)
            case(f"{ds}_ror_open3d_{k}_{r}", ds, "radius_open3d", {"nb_points": k, "radius": r},
                 array=ind)
        for ds, k, r in (("table_scene_mug", 10, 0.005), ("milk", 8, 0.004), ("lattice", 4, 0.25),
                         ("lattice", 3, 0.5)):
            ind = pcl_outliers(data[ds][0], tmp, "radius", radius=r, min_pts=k)
            case(f"{ds}_ror_pcl_{k}_{r}", ds, "radius_pcl", {"min_pts": k, "radius": r}, array=ind)

        # RANSAC planes: Open3D's result varies with its seed; keep several to size the tolerance
        for ds, t, it in (("fragment", 0.01, 1000), ("table_scene_mug", 0.01, 1000),
                          ("sac_plane_test", 0.02, 1000)):
            for seed in range(5):
                o3d.utility.random.seed(seed)
                model, inl = cloud(data[ds][0]).segment_plane(t, 3, it)
                case(f"{ds}_plane_open3d_seed{seed}", ds, "plane_open3d",
                     {"distance_threshold": t, "ransac_n": 3, "num_iterations": it, "seed": seed},
                     {"model": [float(v) for v in model], "inliers": len(inl)}, array=inl)
            models, counts = [], []
            for seed in range(100):
                o3d.utility.random.seed(seed)
                model, inl = cloud(data[ds][0]).segment_plane(t, 3, it)
                models.append([float(v) for v in model])
                counts.append(len(inl))
            case(f"{ds}_plane_open3d_runs", ds, "plane_open3d_runs",
                 {"distance_threshold": t, "ransac_n": 3, "num_iterations": it, "seeds": "0-99"},
                 {"models": models, "inliers": counts})
        model, inl = pcl_plane(data["sac_plane_test"][0], tmp, 0.02, 1000)
        case("sac_plane_test_plane_pcl", "sac_plane_test", "plane_pcl",
             {"thresh": 0.02, "max_it": 1000}, {"model": [float(v) for v in model],
                                               "inliers": len(inl)}, array=inl)

        # DBSCAN (Open3D) and Euclidean clusters (PCL)
        for ds, eps, mp in (("fragment", 0.02, 10), ("table_scene_mug", 0.005, 10),
                            ("milk", 0.005, 5), ("lattice", 0.25, 3), ("lattice", 0.5, 5)):
            lab = np.array(cloud(data[ds][0]).cluster_dbscan(eps, mp))
            case(f"{ds}_dbscan_{eps}_{mp}", ds, "dbscan_open3d", {"eps": eps, "min_points": mp},
                 {"clusters": int(lab.max() + 1)}, array=lab)
        # the objects on the table: the mug scene without the points near the Open3D seed-0 plane
        mug = data["table_scene_mug"][0]
        model = goldens["cases"]["table_scene_mug_plane_open3d_seed0"]["result"]["model"]
        off = np.nonzero(np.abs(mug.astype(np.float64) @ np.array(model[:3]) + model[3]) >= 0.01)[0]
        arrays["table_scene_mug"]["objects"] = off.astype(np.int32)
        data["objects"] = (mug[off], None)
        for ds, tol, lo, hi, sub in (("milk", 0.005, 1, 1000000, None),
                                     ("table_scene_mug", 0.02, 100, 25000, "objects"),
                                     ("lattice", 0.25, 1, 1000000, None),
                                     ("lattice", 0.5, 2, 200, None)):
            xyz = data[sub][0] if sub else data[ds][0]
            lab = pcl_clusters(xyz, tmp, tol, lo, hi)
            name = f"{ds}{'_' + sub if sub else ''}_euclidean_{tol}_{lo}_{hi}"
            case(name, ds, "euclidean_pcl", {"tolerance": tol, "min": lo, "max": hi,
                                             "subset": sub}, {"clusters": int(lab.max() + 1)},
                 array=lab)

        # crops
        frag = data["fragment"][0]
        with open(os.path.join(args.open3d_data, "cropped.json")) as f:
            volume_json = json.load(f)
        vol = o3d.visualization.read_selection_polygon_volume(
            os.path.join(args.open3d_data, "cropped.json"))
        ind = np.sort(crop_indices(vol.crop_point_cloud(indexed(frag))))
        case("fragment_crop_polygon", "fragment", "crop_polygon_open3d", volume_json, array=ind)
        for axis, poly, lo, hi in (("Z", [[1.5, 1.0, 0], [3.0, 1.2, 0], [2.2, 2.5, 0], [2.0, 1.6, 0]],
                                    0.8, 1.4),
                                   ("X", [[0, 1.0, 0.8], [0, 2.0, 0.8], [0, 2.0, 1.2], [0, 1.5, 1.0],
                                          [0, 1.0, 1.2]], 1.5, 3.0)):
            v = o3d.visualization.SelectionPolygonVolume()
            v.orthogonal_axis = axis
            v.bounding_polygon = o3d.utility.Vector3dVector(np.array(poly, dtype=np.float64))
            v.axis_min, v.axis_max = lo, hi
            ind = np.sort(crop_indices(v.crop_point_cloud(indexed(frag))))
            case(f"fragment_crop_polygon_{axis}", "fragment", "crop_polygon_open3d",
                 {"orthogonal_axis": axis, "bounding_polygon": poly, "axis_min": lo,
                  "axis_max": hi}, array=ind)
        lo, hi = [1.5, 1.0, 0.8], [2.5, 2.0, 1.2]
        box = o3d.geometry.AxisAlignedBoundingBox(np.array(lo), np.array(hi))
        ind = np.sort(crop_indices(indexed(frag).crop(box)))
        case("fragment_crop_box", "fragment", "crop_box_open3d", {"min": lo, "max": hi}, array=ind)

        # ICP: cloud_bin_0 onto cloud_bin_1 from a perturbed start, and a known motion of cloud_bin_0
        src, src_n = data["cloud_bin_0"]
        tgt, tgt_n = data["cloud_bin_1"]
        for method, est in (("point_to_point", o3d.pipelines.registration.TransformationEstimationPointToPoint()),
                            ("point_to_plane", o3d.pipelines.registration.TransformationEstimationPointToPlane())):
            for dist in (0.02, 0.05):
                r = o3d.pipelines.registration.registration_icp(
                    cloud(src, src_n), cloud(tgt, tgt_n), dist, TRANS_INIT, est)
                case(f"icp_{method}_{dist}", "cloud_bin_0", "icp_open3d",
                     {"target": "cloud_bin_1", "method": method, "max_correspondence_distance": dist,
                      "init": TRANS_INIT.tolist(), "max_iteration": 30},
                     {"transformation": r.transformation.tolist(), "fitness": r.fitness,
                      "inlier_rmse": r.inlier_rmse,
                      "correspondences": len(np.asarray(r.correspondence_set))})
        ev = o3d.pipelines.registration.evaluate_registration(cloud(src), cloud(tgt), 0.05, TRANS_INIT)
        case("evaluate_0.05", "cloud_bin_0", "evaluate_open3d",
             {"target": "cloud_bin_1", "max_correspondence_distance": 0.05,
              "transformation": TRANS_INIT.tolist()},
             {"fitness": ev.fitness, "inlier_rmse": ev.inlier_rmse,
              "correspondences": len(np.asarray(ev.correspondence_set))})
        truth = motion()
        moved = (src.astype(np.float64) @ truth[:3, :3].T + truth[:3, 3]).astype(np.float32)
        arrays["cloud_bin_0"]["moved"] = moved
        for method, est in (("point_to_point", o3d.pipelines.registration.TransformationEstimationPointToPoint()),
                            ("point_to_plane", o3d.pipelines.registration.TransformationEstimationPointToPlane())):
            r = o3d.pipelines.registration.registration_icp(
                cloud(src), cloud(moved, (src_n.astype(np.float64) @ truth[:3, :3].T)), 0.2,
                np.eye(4), est, o3d.pipelines.registration.ICPConvergenceCriteria(1e-12, 1e-12, 200))
            case(f"icp_known_{method}", "cloud_bin_0", "icp_open3d",
                 {"target": "moved", "method": method, "max_correspondence_distance": 0.2,
                  "init": np.eye(4).tolist(), "max_iteration": 200, "relative_fitness": 1e-12,
                  "relative_rmse": 1e-12, "truth": truth.tolist()},
                 {"transformation": r.transformation.tolist(), "fitness": r.fitness,
                  "inlier_rmse": r.inlier_rmse,
                  "error_vs_truth": float(np.abs(r.transformation - truth).max())})

    for name, arrs in arrays.items():
        if name == "objects":
            continue
        np.savez_compressed(os.path.join(OUT, name + ".npz"), **arrs)
    with open(os.path.join(OUT, "goldens.json"), "w") as f:
        json.dump(goldens, f, indent=1)
        f.write("\n")
    log("wrote " + OUT)


def lattice():
    """A 10 x 10 x 3 grid of spacing 0.25 (exact in float), with five stray points: many
    neighbours at exactly 0.25 and 0.5, where Open3D's and PCL's boundary rules differ."""
    g = [[0.25 * i, 0.25 * j, 0.25 * k] for k in range(3) for j in range(10) for i in range(10)]
    g += [[5.0, 5.0, 5.0], [5.25, 5.0, 5.0], [5.0, 5.5, 5.0], [-3.0, 0.0, 0.0], [-3.0, 0.75, 0.0]]
    return np.array(g, dtype=np.float32)


def motion():
    """A rotation of 10 degrees about (1, 2, 3) and a translation of (0.05, -0.03, 0.08)."""
    axis = np.array([1.0, 2.0, 3.0]) / np.sqrt(14.0)
    a = np.radians(10.0)
    k = np.array([[0, -axis[2], axis[1]], [axis[2], 0, -axis[0]], [-axis[1], axis[0], 0]])
    t = np.eye(4)
    t[:3, :3] = np.eye(3) + np.sin(a) * k + (1 - np.cos(a)) * k @ k
    t[:3, 3] = [0.05, -0.03, 0.08]
    return t


def pcl_version():
    r = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "pcl-tools"], capture_output=True,
                       text=True)
    return r.stdout.strip() or "unknown"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
