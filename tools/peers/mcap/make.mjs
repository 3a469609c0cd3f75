// Writes the MCAP files of RoboticsBench (none / zstd / lz4 chunks of 1 MB, the @mcap/core
// default) from the frames bags_make.py generated, and the same CDR messages for its .db3.
//   node tools/peers/mcap/make.mjs OUT_DIR     (after `npm ci` in tools/peers/mcap)
import { McapWriter } from "@mcap/core";
import { parse } from "@foxglove/rosmsg";
import { MessageWriter } from "@foxglove/rosmsg2-serialization";
import zstd from "@foxglove/wasm-zstd";
import lz4 from "lz4js";
import { promises as fs, readFileSync, openSync, readSync, writeSync, closeSync } from "node:fs";
import path from "node:path";
import { POINT_CLOUD2_DEF, IMU_DEF } from "../../../io/src/test/resources/bags/generate/msgdefs.mjs";

const out = process.argv[2];
const spec = JSON.parse(readFileSync(path.join(out, "frames.json"), "utf8"));
const size = spec.rings * spec.cols * spec.step;
const cloudWriter = new MessageWriter(parse(POINT_CLOUD2_DEF, { ros2: true }));
const imuWriter = new MessageWriter(parse(IMU_DEF, { ros2: true }));
const fields = spec.fields.map(([name, offset, datatype]) => ({ name, offset, datatype, count: 1 }));
const stamp = (ns) => ({ sec: Number(BigInt(ns) / 1000000000n), nanosec: Number(BigInt(ns) % 1000000000n) });

// every message, in log-time order, serialized once
const raw = openSync(path.join(out, "frames.bin"), "r");
const events = [
  ...spec.frames.map((m, i) => ({ log: BigInt(m.log_ns), kind: "cloud", i, m })),
  ...spec.imu.map((m, i) => ({ log: BigInt(m.log_ns), kind: "imu", i, m })),
].sort((a, b) => (a.log < b.log ? -1 : a.log > b.log ? 1 : 0));
function serialize(e) {
  if (e.kind === "imu") {
    return imuWriter.writeMessage({
      header: { stamp: stamp(e.m.stamp_ns), frame_id: "imu_link" },
      orientation: { x: 0, y: 0, z: 0, w: 1 }, orientation_covariance: new Array(9).fill(0),
      angular_velocity: { x: 0, y: 0, z: 0 }, angular_velocity_covariance: new Array(9).fill(0),
      linear_acceleration: { x: 0, y: 0, z: 9.81 }, linear_acceleration_covariance: new Array(9).fill(0),
    });
  }
  const data = new Uint8Array(size);
  readSync(raw, data, 0, size, e.i * size);
  return cloudWriter.writeMessage({
    header: { stamp: stamp(e.m.stamp_ns), frame_id: "os_sensor" }, height: spec.rings,
    width: spec.cols, fields, is_bigendian: false, point_step: spec.step,
    row_step: spec.cols * spec.step, data, is_dense: true,
  });
}

class FileWritable {
  constructor(file) { this.fd = openSync(file, "w"); this.pos = 0n; }
  position() { return this.pos; }
  async write(buf) { writeSync(this.fd, buf); this.pos += BigInt(buf.byteLength); }
  close() { closeSync(this.fd); }
}

await zstd.isLoaded;
const variants = {
  "mcap_none.mcap": undefined,
  "mcap_zstd.mcap": (d) => ({ compression: "zstd", compressedData: zstd.compress(d, 3) }),
  "mcap_lz4.mcap": (d) => ({ compression: "lz4", compressedData: Uint8Array.from(lz4.compress(d)) }),
};
const cdr = openSync(path.join(out, "cdr.bin"), "w");
let first = true;
for (const [name, compressChunk] of Object.entries(variants)) {
  const w = new FileWritable(path.join(out, name));
  const writer = new McapWriter({ writable: w, compressChunk });
  await writer.start({ profile: "ros2", library: "@mcap/core 2.2.2 (pointea bench)" });
  const cs = await writer.registerSchema({ name: "sensor_msgs/msg/PointCloud2", encoding: "ros2msg", data: new TextEncoder().encode(POINT_CLOUD2_DEF) });
  const is = await writer.registerSchema({ name: "sensor_msgs/msg/Imu", encoding: "ros2msg", data: new TextEncoder().encode(IMU_DEF) });
  const cc = await writer.registerChannel({ topic: "/ouster/points", schemaId: cs, messageEncoding: "cdr", metadata: new Map() });
  const ic = await writer.registerChannel({ topic: "/imu", schemaId: is, messageEncoding: "cdr", metadata: new Map() });
  let seq = 0;
  for (const e of events) {
    const data = serialize(e);
    await writer.addMessage({ channelId: e.kind === "cloud" ? cc : ic, sequence: seq++, logTime: e.log, publishTime: e.log, data });
    if (first) {
      const head = Buffer.alloc(16);
      head.writeUInt32LE(e.kind === "cloud" ? 1 : 2, 0);
      head.writeBigUInt64LE(e.log, 4);
      head.writeUInt32LE(data.byteLength, 12);
      writeSync(cdr, head);
      writeSync(cdr, data);
    }
  }
  await writer.end();
  w.close();
  first = false;
}
closeSync(cdr);
closeSync(raw);
