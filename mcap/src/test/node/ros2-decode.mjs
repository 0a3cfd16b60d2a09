// Decodes CDR messages with Foxglove's @foxglove/rosmsg2-serialization MessageReader (which takes the byte order
// and XCDR version from each message's encapsulation header) and prints one JSON line per message.
//   node ros2-decode.mjs <cases.json> <indir>
// cases.json: [{ "id", "schemaText" }]; reads <indir>/<id>.cdr. Prints {"id", "value"} where bigints are decimal
// strings, typed arrays plain arrays, non-finite floats "NaN"/"Infinity"/"-Infinity".
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "@foxglove/rosmsg";
import { MessageReader } from "@foxglove/rosmsg2-serialization";

const [casesFile, inDir] = process.argv.slice(2);
for (const c of JSON.parse(readFileSync(casesFile, "utf8"))) {
  const reader = new MessageReader(parse(c.schemaText, { ros2: true }));
  const value = reader.readMessage(readFileSync(join(inDir, `${c.id}.cdr`)));
  console.log(JSON.stringify({ id: c.id, value, trailing: reader.lastReadHadTrailingBytes() }, replacer));
}

function replacer(_key, v) {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number" && !Number.isFinite(v)) return String(v);
  if (ArrayBuffer.isView(v)) return Array.from(v, (e) => (typeof e === "bigint" ? e.toString() : Number.isFinite(e) ? e : String(e)));
  return v;
}
