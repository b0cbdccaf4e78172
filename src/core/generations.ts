/**
 * A cache kept to two generations of at most `size` entries each: an entry used again moves to
 * the young generation, and when that is full, the old one is dropped. What a document keeps
 * using stays; a long run of distinct keys holds at most twice `size`.
 */
export class Generations<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly size: number) {}

  get(key: K): V | undefined {
    const young = this.young.get(key);
    if (young !== undefined) return young;
    const old = this.old.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.size) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}
