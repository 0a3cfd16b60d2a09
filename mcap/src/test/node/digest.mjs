// Reads an MCAP file with Foxglove's @mcap/core (an implementation independent of ours) and prints a JSON digest:
// header, channels with message counts, every message (file order, from the stream reader, which checks CRCs),
// attachments, metadata, and, when the file has a summary, what the indexed reader finds through it.
// Usage: node digest.mjs FILE
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { McapStreamReader, McapIndexedReader } from "@mcap/core";
import * as zstd from "@foxglove/wasm-zstd";
import lz4 from "@foxglove/wasm-lz4";

await zstd.isLoaded;
await lz4.isLoaded;
const decompressHandlers = {
  zstd: (data, size) => zstd.decompress(data, Number(size)),
  lz4: (data, size) => lz4(data, Number(size)),
};
const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

const bytes = readFileSync(process.argv[2]);
const stream = new McapStreamReader({ decompressHandlers, validateCrcs: true });
stream.append(bytes);
const schemas = new Map();
const channels = new Map();
const counts = new Map();
const messages = [];
const attachments = [];
const metadata = [];
let header;
for (let record; (record = stream.nextRecord()); ) {
  switch (record.type) {
    case "Header": header = { profile: record.profile, library: record.library }; break;
    case "Schema": schemas.set(record.id, record); break;
    case "Channel": channels.set(record.id, record); break;
    case "Message":
      counts.set(record.channelId, (counts.get(record.channelId) ?? 0) + 1);
      messages.push([record.channelId, record.sequence, String(record.logTime), String(record.publishTime),
        sha256(record.data)]);
      break;
    case "Attachment":
      attachments.push({ name: record.name, mediaType: record.mediaType, logTime: String(record.logTime),
        createTime: String(record.createTime), sha256: sha256(record.data) });
      break;
    case "Metadata": metadata.push({ name: record.name, metadata: Object.fromEntries(record.metadata) }); break;
  }
}
if (!stream.done()) {
  throw new Error("the stream reader did not reach the end of a valid file");
}
const digest = {
  header,
  channels: [...channels.values()].sort((a, b) => a.id - b.id).map((c) => ({
    id: c.id, topic: c.topic, messageEncoding: c.messageEncoding,
    schemaName: schemas.get(c.schemaId)?.name ?? "", schemaEncoding: schemas.get(c.schemaId)?.encoding ?? "",
    messageCount: counts.get(c.id) ?? 0,
  })),
  messages, attachments, metadata,
};

// The indexed reader only works through a summary; files without one are left out of this part.
try {
  const indexed = await McapIndexedReader.Initialize({
    readable: { size: async () => BigInt(bytes.length),
      read: async (offset, size) => bytes.subarray(Number(offset), Number(offset + size)) },
    decompressHandlers,
  });
  const inLogTimeOrder = [];
  for await (const m of indexed.readMessages()) {
    inLogTimeOrder.push([m.channelId, m.sequence, String(m.logTime), String(m.publishTime), sha256(m.data)]);
  }
  const attachmentNames = [];
  for await (const a of indexed.readAttachments()) attachmentNames.push(a.name);
  const metadataNames = [];
  for await (const m of indexed.readMetadata()) metadataNames.push(m.name);
  digest.indexed = {
    chunkCount: indexed.chunkIndexes.length,
    compressions: indexed.chunkIndexes.map((c) => c.compression),
    startTime: indexed.statistics ? String(indexed.statistics.messageStartTime) : null,
    endTime: indexed.statistics ? String(indexed.statistics.messageEndTime) : null,
    messageCount: indexed.statistics ? String(indexed.statistics.messageCount) : null,
    messages: inLogTimeOrder, attachmentNames, metadataNames,
  };
} catch (e) {
  digest.indexed = { error: String(e.message ?? e) };
}
process.stdout.write(JSON.stringify(digest));
