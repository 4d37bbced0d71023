/** A Uint32Array that grows by doubling: columns of the index that gain a row per entry. */
export class GrowableU32 {
  data: Uint32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Uint32Array(capacity);
  }

  push(value: number): number {
    if (this.length === this.data.length) this.reserve(this.length + 1);
    this.data[this.length] = value;
    return this.length++;
  }

  /** Makes room for `size` values in all, keeping those already there. */
  reserve(size: number): void {
    if (size <= this.data.length) return;
    const next = new Uint32Array(Math.max(size, Math.ceil(this.data.length * 1.5)));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  get bytes(): number {
    return this.data.byteLength;
  }
}
