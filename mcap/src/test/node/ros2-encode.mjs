// Encodes ROS 2 messages with Foxglove's libraries, as an implementation independent of the Java one.
//   node ros2-encode.mjs <cases.json> <outdir>
// cases.json: [{ "id", "schemaText", "kind" (CDR encapsulation id, 1 = CDR_LE), "message" }]. In "message",
// int64/uint64 values are decimal strings (JSON numbers lose precision) and floats may be "NaN"/"Infinity"/"-Infinity".
// Kind 1 uses @foxglove/rosmsg2-serialization's MessageWriter; other kinds (which MessageWriter cannot select)
// walk the same parsed definitions and write through @foxglove/cdr's CdrWriter({ kind }), so alignment, byte
// order and XCDR2's 4-byte alignment of 8-byte values are still Foxglove's. Writes <outdir>/<id>.cdr.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "@foxglove/rosmsg";
import { MessageWriter } from "@foxglove/rosmsg2-serialization";
import { CdrWriter } from "@foxglove/cdr";

const [casesFile, outDir] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(casesFile, "utf8"));

for (const c of cases) {
  const definitions = parse(c.schemaText, { ros2: true });
  const byName = new Map(definitions.map((d) => [d.name ?? "", d.definitions]));
  const root = definitions[0].definitions;
  const message = convert(root, c.message, byName);
  const bytes = c.kind === 1 ? new MessageWriter(definitions).writeMessage(message) : writeWithKind(root, message, byName, c.kind);
  writeFileSync(join(outDir, `${c.id}.cdr`), bytes);
}

// JSON cannot carry bigint, NaN or infinities: turn them into the values Foxglove's writer expects.
function convert(fields, obj, byName) {
  const out = {};
  for (const f of fields) {
    if (f.isConstant || obj?.[f.name] === undefined) continue;
    const v = obj[f.name];
    if (f.isComplex) {
      const nested = byName.get(f.type);
      out[f.name] = f.isArray ? v.map((e) => convert(nested, e, byName)) : convert(nested, v, byName);
    } else {
      out[f.name] = f.isArray ? v.map((e) => scalar(f.type, e)) : scalar(f.type, v);
    }
  }
  return out;
}

function scalar(type, v) {
  if (type === "int64" || type === "uint64") return BigInt(v);
  if (type === "time" || type === "duration") return v;
  if (typeof v === "string" && (type === "float32" || type === "float64")) return Number(v);
  return v;
}

function writeWithKind(fields, message, byName, kind) {
  const writer = new CdrWriter({ kind });
  writeStruct(writer, fields, message, byName);
  return writer.data;
}

function writeStruct(w, fields, obj, byName) {
  const data = fields.filter((f) => !f.isConstant);
  if (data.length === 0) { w.uint8(0); return; }
  for (const f of data) {
    const v = obj?.[f.name];
    if (f.isArray) {
      const items = v ?? [];
      if (f.arrayLength === undefined) w.sequenceLength(items.length);
      for (const item of items) writeOne(w, f, item, byName);
    } else {
      writeOne(w, f, v, byName);
    }
  }
}

function writeOne(w, f, v, byName) {
  if (f.isComplex) return writeStruct(w, byName.get(f.type), v, byName);
  switch (f.type) {
    case "bool": return w.int8(v ? 1 : 0);
    case "int8": return w.int8(v);
    case "uint8": return w.uint8(v);
    case "int16": return w.int16(v);
    case "uint16": return w.uint16(v);
    case "int32": return w.int32(v);
    case "uint32": return w.uint32(v);
    case "int64": return w.int64(v);
    case "uint64": return w.uint64(v);
    case "float32": return w.float32(v);
    case "float64": return w.float64(v);
    case "string": return w.string(v);
    case "time": case "duration": w.int32(v.sec); return w.uint32(v.nanosec);
    default: throw new Error(`type ${f.type} not handled`);
  }
}
