// Facts derived from an object, kept by that object: a parsed document (its comments, its roles
// by position, its custom-role entries), a role (its permission strings), a catalog (its Backup
// catalog, its compiled wildcards). Nothing is cached at module level: a fact lives exactly as
// long as what it was derived from, and goes with it.

/** Names one kind of fact, with its type. A key is a constant; the values live in each Memo. */
export interface MemoKey<T> {
  readonly name: string;
  /** (type only) */
  readonly type?: T;
}

export function memoKey<T>(name: string): MemoKey<T> {
  return { name };
}

export class Memo {
  private readonly values = new Map<MemoKey<unknown>, unknown>();

  /** The fact, worked out on first use. */
  get<T>(key: MemoKey<T>, make: () => T): T {
    if (this.values.has(key)) return this.values.get(key) as T;
    const value = make();
    this.values.set(key, value);
    return value;
  }

  /** Records a fact worked out elsewhere (an incremental update carries one over). */
  set<T>(key: MemoKey<T>, value: T): void {
    this.values.set(key, value);
  }

  /** The fact, if it was worked out. */
  peek<T>(key: MemoKey<T>): T | undefined {
    return this.values.get(key) as T | undefined;
  }
}
