// Record batches (message format v2): one uncompressed batch of values to produce, and the values
// of the uncompressed batches a fetch returns (pure).
import { Reader, Writer } from './codec.js';
import { crc32c } from './crc32c.js';

const MAGIC = 2;
// baseOffset (8) + batchLength (4): the part of a batch its length does not count.
const LOG_OVERHEAD = 12;
const COMPRESSION_MASK = 0x07;
const CONTROL_FLAG = 0x20;

export interface FetchedRecord {
  offset: bigint;
  key: Buffer | null;
  value: Buffer | null;
}

function record(value: Buffer, index: number): Buffer {
  const body = new Writer().int8(0).varint(0).varint(index).varint(-1).varint(value.length).raw(value).varint(0).build();
  return new Writer().varint(body.length).raw(body).build();
}

// One batch of `values` (no keys, no headers), timestamped `timestamp`.
export function encodeRecordBatch(values: readonly Buffer[], timestamp = Date.now()): Buffer {
  const afterCrc = new Writer()
    .int16(0) // attributes: no compression, create time, not transactional
    .int32(values.length - 1) // lastOffsetDelta
    .int64(BigInt(timestamp))
    .int64(BigInt(timestamp))
    .int64(-1n) // producerId: not idempotent
    .int16(-1) // producerEpoch
    .int32(-1) // baseSequence
    .int32(values.length)
    .raw(Buffer.concat(values.map(record)))
    .build();
  const afterLength = new Writer().int32(0).int8(MAGIC).uint32(crc32c(afterCrc)).raw(afterCrc).build();
  return new Writer().int64(0n).int32(afterLength.length).raw(afterLength).build();
}

// The records of every complete, uncompressed, non-control batch in `records` (a fetch may end
// with a partial batch; compressed batches are skipped: the template never produces them).
export function decodeRecords(records: Buffer): FetchedRecord[] {
  const found: FetchedRecord[] = [];
  let at = 0;
  while (records.length - at >= LOG_OVERHEAD) {
    const head = new Reader(records, at);
    const baseOffset = head.int64();
    const batchLength = head.int32();
    if (records.length - at - LOG_OVERHEAD < batchLength) break;
    const batch = new Reader(records.subarray(at + LOG_OVERHEAD, at + LOG_OVERHEAD + batchLength));
    at += LOG_OVERHEAD + batchLength;
    batch.int32(); // partitionLeaderEpoch
    if (batch.int8() !== MAGIC) continue;
    batch.int32(); // crc
    const attributes = batch.int16();
    if ((attributes & COMPRESSION_MASK) !== 0 || (attributes & CONTROL_FLAG) !== 0) continue;
    batch.raw(4 + 8 + 8 + 8 + 2 + 4); // lastOffsetDelta, timestamps, producer id/epoch, base sequence
    const count = batch.int32();
    for (let i = 0; i < count; i++) {
      batch.varint(); // record length
      batch.int8(); // attributes
      batch.varint(); // timestampDelta
      const offsetDelta = batch.varint();
      const keyLength = batch.varint();
      const key = keyLength < 0 ? null : Buffer.from(batch.raw(keyLength));
      const valueLength = batch.varint();
      const value = valueLength < 0 ? null : Buffer.from(batch.raw(valueLength));
      const headers = batch.varint();
      for (let h = 0; h < headers; h++) {
        batch.raw(batch.varint());
        const length = batch.varint();
        if (length > 0) batch.raw(length);
      }
      found.push({ offset: baseOffset + BigInt(offsetDelta), key, value });
    }
  }
  return found;
}
