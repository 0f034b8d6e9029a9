// A binary min-heap of timer handles ordered by `when`, then by insertion (FIFO for
// equal deadlines). Cancelled handles stay until they reach the top, unless more than
// half of the heap is cancelled, then it is rebuilt (Python does the same).

import type { TimerHandle } from "./events.ts";

export class TimerHeap {
  #a: TimerHandle[] = [];
  #seq = 0;
  #cancelled = 0;

  get size(): number {
    return this.#a.length;
  }

  clear(): void {
    for (const h of this.#a) h._scheduled = false;
    this.#a = [];
    this.#cancelled = 0;
  }

  peek(): TimerHandle | undefined {
    this.#dropCancelledTop();
    return this.#a[0];
  }

  push(h: TimerHandle): void {
    h._seq = this.#seq++;
    const a = this.#a;
    a.push(h);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }

  pop(): TimerHandle | undefined {
    const a = this.#a;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < a.length && less(a[l], a[m])) m = l;
        if (r < a.length && less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    if (top._cancelled) this.#cancelled--;
    return top;
  }

  noteCancelled(): void {
    this.#cancelled++;
    if (this.#a.length > 100 && this.#cancelled * 2 > this.#a.length) {
      const kept = this.#a.filter((h) => {
        if (h._cancelled) h._scheduled = false;
        return !h._cancelled;
      });
      this.#a = [];
      this.#cancelled = 0;
      for (const h of kept) this.push(h);
    }
  }

  #dropCancelledTop(): void {
    while (this.#a.length > 0 && this.#a[0]._cancelled) {
      const h = this.pop()!;
      h._scheduled = false;
    }
  }
}

function less(x: TimerHandle, y: TimerHandle): boolean {
  return x._when < y._when || (x._when === y._when && x._seq < y._seq);
}
