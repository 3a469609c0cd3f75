// Writes the MCAP test bags with the reference TypeScript MCAP writer (@mcap/core) and the ROS 2
// CDR serializer (@foxglove/rosmsg2-serialization), and a JSON dump of the same messages that
// make_ros1.py and make_db3.py turn into a ROS 1 bag and a rosbag2 SQLite bag.
//
//   cd io/src/test/resources/bags/generate && npm ci && node make_mcap.mjs ..
//
// The clouds are a simulated 8-ring lidar in a room (organized 8 x 32, Ouster-like fields with
// padding: point_step 48) and an organized 16 x 12 depth camera with packed rgb and NaN pixels;
// an IMU topic is interleaved as the "other topic" readers must skip.
import { McapWriter } from "@mcap/core";
import { parse } from "@foxglove/rosmsg";
import { MessageWriter } from "@foxglove/rosmsg2-serialization";
import zstd from "@foxglove/wasm-zstd";
import lz4 from "lz4js";
import { promises as fs } from "node:fs";
import path from "node:path";
import { POINT_CLOUD2_DEF, IMU_DEF } from "./msgdefs.mjs";

const outDir = process.argv[2] ?? "..";
const T0 = 1700000000n * 1000000000n; // 2023-11-14T22:13:20Z
const MS = 1000000n;

// ---------------------------------------------------------------- deterministic data
let seed = 12345;
function rand() {
  // 32-bit LCG (Numerical Recipes), in [0, 1)
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 4294967296;
}

const F32 = 7, U32 = 6, U16 = 4;

function lidarFrame(k) {
  const rings = 8, cols = 32, step = 48;
  const data = new ArrayBuffer(rings * cols * step);
  const dv = new DataView(data);
  const sx = 0.25 * k; // the sensor drives along x
  for (let r = 0; r < rings; r++) {
    const elev = (-15 + (30 * r) / (rings - 1)) * Math.PI / 180;
    for (let c = 0; c < cols; c++) {
      const az = (2 * Math.PI * c) / cols;
      const d = [Math.cos(elev) * Math.cos(az), Math.cos(elev) * Math.sin(az), Math.sin(elev)];
      // room: x in [-6, 8], y in [-4, 5], z in [-1.2, 2.8], sensor at (sx, 0, 0)
      const o = [sx, 0, 0];
      const lo = [-6, -4, -1.2], hi = [8, 5, 2.8];
      let t = Infinity;
      for (let a = 0; a < 3; a++) {
        if (d[a] > 1e-9) t = Math.min(t, (hi[a] - o[a]) / d[a]);
        if (d[a] < -1e-9) t = Math.min(t, (lo[a] - o[a]) / d[a]);
      }
      let range = t + (rand() - 0.5) * 0.02;
      const off = (r * cols + c) * step;
      const noReturn = rand() < 0.03; // no echo: Ouster writes zeros and range 0
      if (noReturn) range = 0;
      const x = noReturn ? 0 : d[0] * range, y = noReturn ? 0 : d[1] * range, z = noReturn ? 0 : d[2] * range;
      dv.setFloat32(off + 0, x, true);
      dv.setFloat32(off + 4, y, true);
      dv.setFloat32(off + 8, z, true);
      // bytes 12..15: padding, as PCL's aligned PointXYZ (left as 0)
      dv.setFloat32(off + 16, noReturn ? 0 : Math.round(4000 / (1 + range) + 50 * rand()), true);
      dv.setUint32(off + 20, Math.round((c * 100000000) / cols), true); // t, ns within the sweep
      dv.setUint16(off + 24, noReturn ? 0 : Math.round(255 * rand()), true); // reflectivity
      dv.setUint16(off + 26, r, true); // ring
      dv.setUint16(off + 28, Math.round(300 + 100 * rand()), true); // ambient
      dv.setUint32(off + 32, Math.round(range * 1000), true); // range, mm
    }
  }
  return {
    height: rings, width: cols,
    fields: [
      { name: "x", offset: 0, datatype: F32, count: 1 },
      { name: "y", offset: 4, datatype: F32, count: 1 },
      { name: "z", offset: 8, datatype: F32, count: 1 },
      { name: "intensity", offset: 16, datatype: F32, count: 1 },
      { name: "t", offset: 20, datatype: U32, count: 1 },
      { name: "reflectivity", offset: 24, datatype: U16, count: 1 },
      { name: "ring", offset: 26, datatype: U16, count: 1 },
      { name: "ambient", offset: 28, datatype: U16, count: 1 },
      { name: "range", offset: 32, datatype: U32, count: 1 },
    ],
    is_bigendian: false, point_step: step, row_step: cols * step,
    data: new Uint8Array(data), is_dense: true, frame_id: "os_sensor",
  };
}

function cameraFrame(k) {
  const w = 16, h = 12, step = 16;
  const data = new ArrayBuffer(w * h * step);
  const dv = new DataView(data);
  const fx = 10, fy = 10, cx = 7.5, cy = 5.5;
  for (let v = 0; v < h; v++) {
    for (let u = 0; u < w; u++) {
      const off = (v * w + u) * step;
      const depth = 1.5 + 0.3 * Math.sin(0.4 * u + 0.2 * k) + 0.1 * v / h;
      const hole = rand() < 0.1;
      const x = hole ? NaN : ((u - cx) / fx) * depth;
      const y = hole ? NaN : ((v - cy) / fy) * depth;
      const z = hole ? NaN : depth;
      dv.setFloat32(off + 0, x, true);
      dv.setFloat32(off + 4, y, true);
      dv.setFloat32(off + 8, z, true);
      const r = (u * 16) & 0xff, g = (v * 21) & 0xff, b = (40 * k + 7) & 0xff;
      dv.setUint32(off + 12, (r << 16) | (g << 8) | b, true); // packed rgb in a float32 field
    }
  }
  return {
    height: h, width: w,
    fields: [
      { name: "x", offset: 0, datatype: F32, count: 1 },
      { name: "y", offset: 4, datatype: F32, count: 1 },
      { name: "z", offset: 8, datatype: F32, count: 1 },
      { name: "rgb", offset: 12, datatype: F32, count: 1 },
    ],
    is_bigendian: false, point_step: step, row_step: w * step,
    data: new Uint8Array(data), is_dense: false, frame_id: "camera_depth_optical_frame",
  };
}

function imuMessage(i) {
  const a = 0.01 * i;
  return {
    orientation: { x: 0, y: 0, z: Math.sin(a / 2), w: Math.cos(a / 2) },
    orientation_covariance: [1e-4, 0, 0, 0, 1e-4, 0, 0, 0, 1e-4],
    angular_velocity: { x: 0.001 * i, y: -0.002, z: 0.1 },
    angular_velocity_covariance: new Array(9).fill(0),
    linear_acceleration: { x: 0.05, y: 0.01 * i, z: 9.81 },
    linear_acceleration_covariance: new Array(9).fill(0),
    frame_id: "imu_link",
  };
}

// ---------------------------------------------------------------- the message sequence
function stampOf(ns) {
  return { sec: Number(ns / 1000000000n), nanosec: Number(ns % 1000000000n) };
}

const messages = []; // {topic, logTime (bigint ns), stamp (bigint ns), msg}
for (let i = 0; i < 25; i++) {
  const stamp = T0 + BigInt(i) * 20n * MS;
  messages.push({ topic: "/imu", type: "sensor_msgs/msg/Imu", logTime: stamp + 1n * MS, stamp, msg: imuMessage(i) });
}
for (let k = 0; k < 4; k++) {
  const stamp = T0 + BigInt(k) * 100n * MS;
  messages.push({ topic: "/os_cloud_node/points", type: "sensor_msgs/msg/PointCloud2", logTime: stamp + 7n * MS, stamp, msg: lidarFrame(k) });
}
for (let k = 0; k < 3; k++) {
  const stamp = T0 + 30n * MS + BigInt(k) * 150n * MS;
  messages.push({ topic: "/camera/depth/points", type: "sensor_msgs/msg/PointCloud2", logTime: stamp + 12n * MS, stamp, msg: cameraFrame(k) });
}
messages.sort((a, b) => (a.logTime < b.logTime ? -1 : a.logTime > b.logTime ? 1 : 0));

const writers = {
  "sensor_msgs/msg/PointCloud2": new MessageWriter(parse(POINT_CLOUD2_DEF, { ros2: true })),
  "sensor_msgs/msg/Imu": new MessageWriter(parse(IMU_DEF, { ros2: true })),
};
const defs = { "sensor_msgs/msg/PointCloud2": POINT_CLOUD2_DEF, "sensor_msgs/msg/Imu": IMU_DEF };

for (const m of messages) {
  const { frame_id, ...body } = m.msg;
  m.cdr = writers[m.type].writeMessage({ header: { stamp: stampOf(m.stamp), frame_id }, ...body });
}

// ---------------------------------------------------------------- MCAP files
class FileWritable {
  constructor() { this.parts = []; this.pos = 0n; }
  position() { return this.pos; }
  async write(buf) { this.parts.push(Buffer.from(buf)); this.pos += BigInt(buf.byteLength); }
}

async function writeMcap(name, options) {
  const out = new FileWritable();
  const writer = new McapWriter({ writable: out, ...options });
  await writer.start({ profile: "ros2", library: "@mcap/core 2.2.2 (pointea test data)" });
  const channels = {};
  for (const topic of ["/os_cloud_node/points", "/camera/depth/points", "/imu"]) {
    const type = messages.find((m) => m.topic === topic).type;
    const schemaId = await writer.registerSchema({ name: type, encoding: "ros2msg", data: new TextEncoder().encode(defs[type]) });
    channels[topic] = await writer.registerChannel({
      topic, schemaId, messageEncoding: "cdr",
      metadata: new Map([["offered_qos_profiles", ""]]),
    });
  }
  let seq = 0;
  for (const m of messages) {
    await writer.addMessage({ channelId: channels[m.topic], sequence: seq++, logTime: m.logTime, publishTime: m.logTime, data: m.cdr });
  }
  await writer.end();
  await fs.writeFile(path.join(outDir, name), Buffer.concat(out.parts));
  console.log(name, out.pos, "bytes");
}

await zstd.isLoaded;
// chunks of ~16 KB: several chunks per file, so chunk indexes and seeking are exercised
await writeMcap("lidar_zstd.mcap", { chunkSize: 16 * 1024, compressChunk: (d) => ({ compression: "zstd", compressedData: zstd.compress(d, 3) }) });
await writeMcap("lidar_lz4.mcap", { chunkSize: 16 * 1024, compressChunk: (d) => ({ compression: "lz4", compressedData: Uint8Array.from(lz4.compress(d)) }) });
await writeMcap("lidar_uncompressed.mcap", { chunkSize: 16 * 1024 });
// no chunks, no indexes, no statistics, no summary: only a linear scan reads it
await writeMcap("lidar_unindexed.mcap", {
  useChunks: false, useStatistics: false, useSummaryOffsets: false, useChunkIndex: false,
  useMessageIndex: false, useAttachmentIndex: false, useMetadataIndex: false,
  repeatSchemas: false, repeatChannels: false,
});

// ---------------------------------------------------------------- dump for the Python scripts
const dump = messages.map((m) => ({
  topic: m.topic, type: m.type, log_time_ns: m.logTime.toString(), stamp_ns: m.stamp.toString(),
  cdr: Buffer.from(m.cdr).toString("base64"),
  msg: m.type.endsWith("PointCloud2")
    ? { ...m.msg, data: Buffer.from(m.msg.data).toString("base64") }
    : m.msg,
}));
await fs.writeFile(path.join(process.env.DUMP_DIR ?? "/tmp", "pointea-bag-messages.json"),
  JSON.stringify({ definitions: defs, messages: dump }));
