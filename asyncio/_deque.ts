// A FIFO ring buffer (Python's collections.deque, the parts queues and locks use).

export class Deque<T> {
  #buf: (T | undefined)[] = new Array(16);
  #head = 0;
  #size = 0;

  get length(): number {
    return this.#size;
  }

  push(v: T): void {
    if (this.#size === this.#buf.length) this.#grow();
    this.#buf[(this.#head + this.#size) & (this.#buf.length - 1)] = v;
    this.#size++;
  }

  shift(): T | undefined {
    if (this.#size === 0) return undefined;
    const v = this.#buf[this.#head];
    this.#buf[this.#head] = undefined;
    this.#head = (this.#head + 1) & (this.#buf.length - 1);
    this.#size--;
    return v;
  }

  peek(): T | undefined {
    return this.#size === 0 ? undefined : this.#buf[this.#head];
  }

  /** Removes the first occurrence of `v`; true when found. */
  remove(v: T): boolean {
    const n = this.#size, mask = this.#buf.length - 1;
    for (let i = 0; i < n; i++) {
      if (this.#buf[(this.#head + i) & mask] !== v) continue;
      for (let j = i; j < n - 1; j++) {
        this.#buf[(this.#head + j) & mask] = this.#buf[(this.#head + j + 1) & mask];
      }
      this.#buf[(this.#head + n - 1) & mask] = undefined;
      this.#size--;
      return true;
    }
    return false;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    const mask = this.#buf.length - 1;
    for (let i = 0; i < this.#size; i++) yield this.#buf[(this.#head + i) & mask] as T;
  }

  #grow(): void {
    const old = this.#buf, n = this.#size, mask = old.length - 1;
    const next = new Array<T | undefined>(old.length * 2);
    for (let i = 0; i < n; i++) next[i] = old[(this.#head + i) & mask];
    this.#buf = next;
    this.#head = 0;
  }
}
