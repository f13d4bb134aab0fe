// Kafka's wire primitives (big-endian integers, length-prefixed strings and bytes, zigzag varints):
// just what the few requests the template sends need (pure).

// Builds a request body from typed fields.
export class Writer {
  readonly #chunks: Buffer[] = [];

  #fixed(size: number, write: (buffer: Buffer) => void): this {
    const buffer = Buffer.alloc(size);
    write(buffer);
    this.#chunks.push(buffer);
    return this;
  }

  int8(value: number): this {
    return this.#fixed(1, (b) => b.writeInt8(value));
  }

  int16(value: number): this {
    return this.#fixed(2, (b) => b.writeInt16BE(value));
  }

  int32(value: number): this {
    return this.#fixed(4, (b) => b.writeInt32BE(value));
  }

  uint32(value: number): this {
    return this.#fixed(4, (b) => b.writeUInt32BE(value));
  }

  int64(value: bigint): this {
    return this.#fixed(8, (b) => b.writeBigInt64BE(value));
  }

  // A signed varint in zigzag encoding (record fields).
  varint(value: number): this {
    let zigzag = BigInt.asUintN(64, (BigInt(value) << 1n) ^ (BigInt(value) >> 63n));
    const bytes: number[] = [];
    do {
      const low = Number(zigzag & 0x7fn);
      zigzag >>= 7n;
      bytes.push(zigzag > 0n ? low | 0x80 : low);
    } while (zigzag > 0n);
    this.#chunks.push(Buffer.from(bytes));
    return this;
  }

  string(value: string): this {
    const bytes = Buffer.from(value, 'utf8');
    return this.int16(bytes.length).raw(bytes);
  }

  nullableString(value: string | null): this {
    return value === null ? this.int16(-1) : this.string(value);
  }

  // int32 length, then the bytes (null is length -1).
  bytes(value: Buffer | null): this {
    return value === null ? this.int32(-1) : this.int32(value.length).raw(value);
  }

  array<T>(items: readonly T[] | null, write: (writer: this, item: T) => void): this {
    if (items === null) return this.int32(-1);
    this.int32(items.length);
    for (const item of items) write(this, item);
    return this;
  }

  raw(bytes: Buffer): this {
    this.#chunks.push(bytes);
    return this;
  }

  build(): Buffer {
    return Buffer.concat(this.#chunks);
  }
}

// Reads typed fields from a response body; throws a RangeError past the end.
export class Reader {
  readonly #buffer: Buffer;
  #offset: number;

  constructor(buffer: Buffer, offset = 0) {
    this.#buffer = buffer;
    this.#offset = offset;
  }

  get remaining(): number {
    return this.#buffer.length - this.#offset;
  }

  #take(size: number): number {
    if (size < 0 || this.#offset + size > this.#buffer.length) throw new RangeError(`Kafka response ended early (wanted ${size} bytes at ${this.#offset} of ${this.#buffer.length})`);
    const at = this.#offset;
    this.#offset += size;
    return at;
  }

  int8(): number {
    return this.#buffer.readInt8(this.#take(1));
  }

  int16(): number {
    return this.#buffer.readInt16BE(this.#take(2));
  }

  int32(): number {
    return this.#buffer.readInt32BE(this.#take(4));
  }

  int64(): bigint {
    return this.#buffer.readBigInt64BE(this.#take(8));
  }

  boolean(): boolean {
    return this.int8() !== 0;
  }

  varint(): number {
    let zigzag = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (shift > 63n) throw new RangeError('Kafka varint longer than 10 bytes');
      const byte = this.#buffer.readUInt8(this.#take(1));
      zigzag |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) break;
    }
    return Number((zigzag >> 1n) ^ -(zigzag & 1n));
  }

  string(): string {
    const value = this.nullableString();
    if (value === null) throw new RangeError('Kafka response has a null where a string belongs');
    return value;
  }

  nullableString(): string | null {
    const length = this.int16();
    if (length < 0) return null;
    const at = this.#take(length);
    return this.#buffer.toString('utf8', at, at + length);
  }

  // int32 length, then the bytes (null when the length is -1).
  bytes(): Buffer | null {
    const length = this.int32();
    return length < 0 ? null : this.raw(length);
  }

  raw(length: number): Buffer {
    const at = this.#take(length);
    return this.#buffer.subarray(at, at + length);
  }

  array<T>(read: (reader: this) => T): T[] {
    const length = this.int32();
    const items: T[] = [];
    for (let i = 0; i < length; i++) items.push(read(this));
    return items;
  }
}
