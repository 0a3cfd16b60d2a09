/**
 * The MCAP records as immutable values, one type per record of the specification. Unsigned 32-bit fields are held in
 * {@code long}s, unsigned 16-bit ids in {@code int}s; unsigned 64-bit times and offsets keep their bits in a
 * {@code long}.
 */
package ai.curate.mcap.records;
