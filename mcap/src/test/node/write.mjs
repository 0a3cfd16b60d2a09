// Writes MCAP files with Foxglove's @mcap/core McapWriter, so that our Java reader is tested on files from another
// implementation. The content is deterministic: 3 channels (2 with a schema), 300 messages whose log times are not
// monotonic, 2 attachments and 2 metadata records in the files that have them.
// Usage: node write.mjs OUT_DIR   (prints the names of the files written)
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { McapWriter } from "@mcap/core";
import * as zstd from "@foxglove/wasm-zstd";

await zstd.isLoaded;
const out = process.argv[2];
mkdirSync(out, { recursive: true });
const text = new TextEncoder();

class Buffered {
  parts = [];
  size = 0n;
  position() { return this.size; }
  async write(buffer) { this.parts.push(Buffer.from(buffer)); this.size += BigInt(buffer.byteLength); }
}

// The wasm lz4 package only decompresses, so lz4 chunks are written here as LZ4 frames of stored (uncompressed)
// blocks: valid frames that any LZ4 frame decoder must accept, checked by the frame header's xxHash32 byte.
const xxh32Short = (bytes) => {
  // xxHash32 with seed 0 for inputs shorter than 16 bytes (a frame descriptor is 2).
  const P1 = 2654435761, P2 = 2246822519, P3 = 3266489917, P4 = 668265263, P5 = 374761393;
  const rotl = (x, r) => (x << r) | (x >>> (32 - r));
  let h = (P5 + bytes.length) >>> 0;
  let i = 0;
  for (; i + 4 <= bytes.length; i += 4) {
    const word = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    h = Math.imul(rotl((h + Math.imul(word, P3)) >>> 0, 17), P4) >>> 0;
  }
  for (; i < bytes.length; i++) {
    h = Math.imul(rotl((h + Math.imul(bytes[i], P5)) >>> 0, 11), P1) >>> 0;
  }
  h = Math.imul(h ^ (h >>> 15), P2) >>> 0;
  h = Math.imul(h ^ (h >>> 13), P3) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
};
const lz4StoredFrame = (data) => {
  const flg = 0x60; // version 01, independent blocks, no checksums, no content size
  const bd = 0x40; // blocks of at most 64 KiB
  const parts = [Buffer.from([0x04, 0x22, 0x4d, 0x18, flg, bd, (xxh32Short([flg, bd]) >>> 8) & 0xff])];
  for (let at = 0; at < data.length; at += 65536) {
    const block = data.subarray(at, Math.min(at + 65536, data.length));
    const size = Buffer.alloc(4);
    size.writeUInt32LE((block.length | 0x80000000) >>> 0); // high bit: stored, not compressed
    parts.push(size, Buffer.from(block));
  }
  parts.push(Buffer.alloc(4)); // end mark
  return Buffer.concat(parts);
};

const noSummary = { useStatistics: false, useSummaryOffsets: false, repeatSchemas: false, repeatChannels: false,
  useAttachmentIndex: false, useMetadataIndex: false, useChunkIndex: false, useMessageIndex: false };
const variants = {
  "node-chunked-zstd.mcap": { chunkSize: 2048,
    compressChunk: (data) => ({ compression: "zstd", compressedData: zstd.compress(data, 3) }), extras: true },
  "node-chunked-none.mcap": { chunkSize: 1500, extras: true },
  "node-chunked-lz4-stored.mcap": { chunkSize: 1800,
    compressChunk: (data) => ({ compression: "lz4", compressedData: lz4StoredFrame(data) }) },
  // No attachments here: @mcap/core 2.2.2 unchunked writes index them at stale offsets (its indexed reader rejects
  // them), which would make this file wrong, not our reader.
  "node-unchunked.mcap": { useChunks: false },
  "node-no-summary.mcap": { chunkSize: 2048, ...noSummary,
    compressChunk: (data) => ({ compression: "zstd", compressedData: zstd.compress(data, 3) }) },
  "node-one-chunk-no-extras.mcap": {},
};

for (const [name, { extras, ...options }] of Object.entries(variants)) {
  const writable = new Buffered();
  const writer = new McapWriter({ writable, ...options });
  await writer.start({ profile: "crosscheck", library: "@mcap/core write.mjs" });
  const pose = await writer.registerSchema({ name: "demo/Pose", encoding: "jsonschema",
    data: text.encode('{"type":"object"}') });
  const joint = await writer.registerSchema({ name: "demo/Joint", encoding: "jsonschema",
    data: text.encode('{"type":"object","title":"joint"}') });
  const channels = [
    await writer.registerChannel({ schemaId: pose, topic: "/pose", messageEncoding: "json",
      metadata: new Map([["frame", "world"]]) }),
    await writer.registerChannel({ schemaId: joint, topic: "/joints", messageEncoding: "json", metadata: new Map() }),
    await writer.registerChannel({ schemaId: 0, topic: "/log", messageEncoding: "text", metadata: new Map() }),
  ];
  for (let i = 0; i < 300; i++) {
    const channelId = channels[i % 3];
    // Every 7th message is logged 5 us early: log time is not the file order.
    const logTime = 1_700_000_000_000_000_000n + BigInt(i) * 1_000_000n - (i % 7 === 0 ? 5_000n : 0n);
    await writer.addMessage({ channelId, sequence: i, logTime, publishTime: logTime + 17n,
      data: text.encode(`{"i":${i},"pad":"${"x".repeat(i % 40)}"}`) });
    if (extras && i === 150) {
      await writer.addAttachment({ name: "calibration.yaml", mediaType: "application/yaml", logTime,
        createTime: logTime - 1n, data: text.encode("camera: {fx: 600}\n") });
      await writer.addMetadata({ name: "session", metadata: new Map([["robot", "neo-7"], ["operator", "a"]]) });
    }
  }
  if (extras) {
    await writer.addAttachment({ name: "empty.bin", mediaType: "application/octet-stream", logTime: 5n,
      createTime: 6n, data: new Uint8Array(0) });
    await writer.addMetadata({ name: "labels", metadata: new Map([["task", "pick"]]) });
  }
  await writer.end();
  writeFileSync(join(out, name), Buffer.concat(writable.parts));
  console.log(name);
}
