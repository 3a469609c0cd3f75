// The TypeScript side of RoboticsBench: a persistent process timing @mcap/core's indexed reader
// plus @foxglove/rosmsg2-serialization decoding each PointCloud2 of a topic into one typed array
// per field (x, y, z as Float32Array [N*3], the others by type), as a TypeScript user would.
//
// Protocol (one command per line on stdin, one answer per line on stdout):
//   read <path> <topic>   -> "ok <seconds> <frames> <points>"
//   quit
import { McapIndexedReader } from "@mcap/core";
import { parse } from "@foxglove/rosmsg";
import { MessageReader } from "@foxglove/rosmsg2-serialization";
import zstd from "@foxglove/wasm-zstd";
import lz4 from "@foxglove/wasm-lz4";
import { open } from "node:fs/promises";
import readline from "node:readline";

await zstd.isLoaded;
await lz4.isLoaded;
const decompressHandlers = {
  zstd: (buf, size) => zstd.decompress(buf, Number(size)),
  lz4: (buf, size) => lz4(buf, Number(size)),
};

class FileReadable {
  constructor(handle, size) { this.handle = handle; this.sz = size; }
  async size() { return this.sz; }
  async read(offset, length) {
    const buf = new Uint8Array(Number(length));
    await this.handle.read(buf, 0, Number(length), Number(offset));
    return buf;
  }
}

const SIZES = { 1: 1, 2: 1, 3: 2, 4: 2, 5: 4, 6: 4, 7: 4, 8: 8 };

function columns(msg) {
  const n = msg.width * msg.height;
  const dv = new DataView(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength);
  const le = !msg.is_bigendian;
  const out = {};
  const xyz = new Float32Array(3 * n);
  const axes = ["x", "y", "z"].map((a) => msg.fields.find((f) => f.name === a).offset);
  for (let v = 0, k = 0; v < msg.height; v++) {
    for (let u = 0; u < msg.width; u++, k++) {
      const p = v * msg.row_step + u * msg.point_step;
      xyz[3 * k] = dv.getFloat32(p + axes[0], le);
      xyz[3 * k + 1] = dv.getFloat32(p + axes[1], le);
      xyz[3 * k + 2] = dv.getFloat32(p + axes[2], le);
    }
  }
  out.xyz = xyz;
  for (const f of msg.fields) {
    if (f.name === "x" || f.name === "y" || f.name === "z") continue;
    const get = {
      1: (p) => dv.getInt8(p), 2: (p) => dv.getUint8(p), 3: (p) => dv.getInt16(p, le),
      4: (p) => dv.getUint16(p, le), 5: (p) => dv.getInt32(p, le), 6: (p) => dv.getUint32(p, le),
      7: (p) => dv.getFloat32(p, le), 8: (p) => dv.getFloat64(p, le),
    }[f.datatype];
    const arr = f.datatype === 8 ? new Float64Array(n) : f.datatype === 7 ? new Float32Array(n) : new Int32Array(n);
    for (let v = 0, k = 0; v < msg.height; v++) {
      for (let u = 0; u < msg.width; u++, k++) {
        arr[k] = get(v * msg.row_step + u * msg.point_step + f.offset);
      }
    }
    out[f.name] = arr;
  }
  return n;
}

async function read(file, topic) {
  const t0 = process.hrtime.bigint();
  const handle = await open(file, "r");
  const stat = await handle.stat();
  const reader = await McapIndexedReader.Initialize({ readable: new FileReadable(handle, BigInt(stat.size)), decompressHandlers });
  const decoders = new Map();
  for (const [id, ch] of reader.channelsById) {
    const schema = reader.schemasById.get(ch.schemaId);
    if (ch.topic === topic) {
      decoders.set(id, new MessageReader(parse(new TextDecoder().decode(schema.data), { ros2: true })));
    }
  }
  let frames = 0;
  let points = 0;
  for await (const m of reader.readMessages({ topics: [topic] })) {
    const msg = decoders.get(m.channelId).readMessage(m.data);
    points += columns(msg);
    frames++;
  }
  await handle.close();
  return [Number(process.hrtime.bigint() - t0) / 1e9, frames, points];
}

console.log("ready @mcap/core");
const rl = readline.createInterface({ input: process.stdin });
for await (const line of rl) {
  const [cmd, file, topic] = line.trim().split(" ");
  try {
    if (cmd === "quit") break;
    if (cmd !== "read") throw new Error("unknown command " + cmd);
    const [s, f, p] = await read(file, topic);
    console.log(`ok ${s.toFixed(6)} ${f} ${p}`);
  } catch (e) {
    console.log("error " + String(e.message ?? e).replace(/\n/g, " "));
  }
}
process.exit(0);
