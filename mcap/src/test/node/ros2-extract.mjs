// Pulls the ROS 2 channels and messages out of a real MCAP file with Foxglove's @mcap/core, and decodes each
// message with @foxglove/rosmsg2-serialization's MessageReader, so the Java decoder can be checked on real bytes.
//   node ros2-extract.mjs <file.mcap> <outdir>
// Writes <outdir>/channels.json ([{ id, topic, messageEncoding, schemaName, schemaEncoding, schemaText }]) and
// <outdir>/<channelId>-<n>.cdr per message; prints one JSON line per message: { channel, file, value } with value
// as in ros2-decode.mjs (bigints as decimal strings, typed arrays as arrays, non-finite floats as strings).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { McapStreamReader } from "@mcap/core";
import { parse } from "@foxglove/rosmsg";
import { MessageReader } from "@foxglove/rosmsg2-serialization";
import * as zstd from "@foxglove/wasm-zstd";
import lz4 from "@foxglove/wasm-lz4";

const [file, outDir] = process.argv.slice(2);
await zstd.isLoaded;
await lz4.isLoaded;
const reader = new McapStreamReader({
  decompressHandlers: {
    zstd: (data, size) => zstd.decompress(data, Number(size)),
    lz4: (data, size) => lz4(data, Number(size)),
  },
});
reader.append(readFileSync(file));

const schemas = new Map();
const channels = [];
const readers = new Map();
const counts = new Map();
for (let record; (record = reader.nextRecord()); ) {
  if (record.type === "Schema") {
    schemas.set(record.id, record);
  } else if (record.type === "Channel") {
    const schema = schemas.get(record.schemaId);
    const schemaText = new TextDecoder().decode(schema.data);
    channels.push({ id: record.id, topic: record.topic, messageEncoding: record.messageEncoding,
      schemaName: schema.name, schemaEncoding: schema.encoding, schemaText });
    readers.set(record.id, new MessageReader(parse(schemaText, { ros2: true })));
  } else if (record.type === "Message") {
    const n = counts.get(record.channelId) ?? 0;
    counts.set(record.channelId, n + 1);
    const name = `${record.channelId}-${n}.cdr`;
    writeFileSync(join(outDir, name), record.data);
    const value = readers.get(record.channelId).readMessage(record.data);
    console.log(JSON.stringify({ channel: record.channelId, file: name, value }, replacer));
  }
}
writeFileSync(join(outDir, "channels.json"), JSON.stringify(channels));

function replacer(_key, v) {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number" && !Number.isFinite(v)) return String(v);
  if (ArrayBuffer.isView(v)) return Array.from(v, (e) => (typeof e === "bigint" ? e.toString() : Number.isFinite(e) ? e : String(e)));
  return v;
}
