// Kafka's wire primitives (big-endian integers, length-prefixed strings, arrays): just what the
// few requests the template sends need (pure).

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

  int64(value: bigint): this {
    return this.#fixed(8, (b) => b.writeBigInt64BE(value));
  }

  string(value: string): this {
    const bytes = Buffer.from(value, 'utf8');
    return this.int16(bytes.length).raw(bytes);
  }

  nullableString(value: string | null): this {
    return value === null ? this.int16(-1) : this.string(value);
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

  array<T>(read: (reader: this) => T): T[] {
    const length = this.int32();
    const items: T[] = [];
    for (let i = 0; i < length; i++) items.push(read(this));
    return items;
  }
}
