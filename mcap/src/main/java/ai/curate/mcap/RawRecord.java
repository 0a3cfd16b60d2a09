package ai.curate.mcap;

/** One record as found in the file: its opcode, the offset of its opcode byte, and its undecoded body. */
record RawRecord(int opcode, long offset, byte[] body) {
  /** The offset just past this record. */
  long end() {
    return offset + Opcode.RECORD_PREFIX + body.length;
  }

  /** The decoded record, or null for an opcode the readers skip. */
  Object parse() {
    return RecordParser.parse(opcode, body, 0, body.length, offset);
  }
}
