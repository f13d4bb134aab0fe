// A fixed-capacity FIFO buffer: pushing into a full ring drops the oldest item, so memory stays
// bounded however long a stream runs (pure).

// A FIFO of at most `capacity` items.
export class Ring<T> {
  readonly capacity: number;
  readonly #items: (T | undefined)[];
  #start = 0;
  #size = 0;
  /** How many items were dropped to make room since the ring was made. */
  dropped = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`Ring capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
    this.#items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.#size;
  }

  // Adds an item at the newest end, dropping the oldest when full.
  push(item: T): void {
    if (this.#size < this.capacity) {
      this.#items[(this.#start + this.#size) % this.capacity] = item;
      this.#size++;
      return;
    }
    this.#items[this.#start] = item;
    this.#start = (this.#start + 1) % this.capacity;
    this.dropped++;
  }

  // Removes and returns the oldest item.
  shift(): T | undefined {
    if (this.#size === 0) return undefined;
    const item = this.#items[this.#start];
    this.#items[this.#start] = undefined;
    this.#start = (this.#start + 1) % this.capacity;
    this.#size--;
    return item;
  }

  // The item at `index` from the oldest (0) to the newest (size - 1); negative counts from the newest.
  at(index: number): T | undefined {
    const i = index < 0 ? this.#size + index : index;
    if (i < 0 || i >= this.#size) return undefined;
    return this.#items[(this.#start + i) % this.capacity];
  }

  // The items from the newest to the oldest (stop iterating early to read only recent ones).
  *newestFirst(): IterableIterator<T> {
    for (let i = this.#size - 1; i >= 0; i--) yield this.#items[(this.#start + i) % this.capacity] as T;
  }

  // The items from the oldest to the newest, as an array.
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.#size; i++) out.push(this.#items[(this.#start + i) % this.capacity] as T);
    return out;
  }

  clear(): void {
    this.#items.fill(undefined);
    this.#start = 0;
    this.#size = 0;
  }
}
