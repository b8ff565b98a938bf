// Azure permission strings and their wildcard. Azure compares operation names case-insensitively;
// a `*` stands for any run of characters, `/` included, so `Microsoft.Compute/*` reaches
// `Microsoft.Compute/virtualMachines/extensions/read` and `*/read` every read of every provider.
// Azure accepts one `*` per string; patterns with more are reported and matched as best we can.

export interface Pattern {
  /** the string as written */
  readonly text: string;
  /** lower-cased text */
  readonly lower: string;
  /** number of `*` in the text */
  readonly stars: number;
  /** lower-cased text before the first `*` (the whole text when there is none) */
  readonly prefix: string;
  /** lower-cased text after the last `*` ('' when there is none) */
  readonly suffix: string;
  /** lower-cased provider namespace when the text starts with one (no `*` before the first `/`) */
  readonly provider: string | undefined;
  /** whether the pattern matches a name (any case) */
  matches(name: string): boolean;
  /** the same for a name already lower-cased (the catalog keeps them so) */
  matchesLower(lowerName: string): boolean;
}

/**
 * The compiled form of a permission string. Cheap; whoever uses one often keeps it (a string of a
 * document on its item, string-item.ts `patternOf`; the catalog its own, `Catalog.pattern`).
 */
export function pattern(text: string): Pattern {
  return new CompiledPattern(text, text.toLowerCase());
}

/** The same for a text whose lower case is at hand (kept once, by the pattern and its owner). */
export function patternOfLower(text: string, lower: string): Pattern {
  return new CompiledPattern(text, lower);
}

class CompiledPattern implements Pattern {
  readonly stars: number;
  readonly prefix: string;
  readonly suffix: string;
  private readonly min: number;
  private regex: RegExp | undefined;

  /** `lower`: the text lower-cased, shared with whoever has it already (a document's string keeps its own) */
  constructor(readonly text: string, readonly lower: string) {
    const first = lower.indexOf('*');
    if (first < 0) {
      this.stars = 0;
      this.prefix = lower;
      this.suffix = '';
    } else {
      const last = lower.lastIndexOf('*');
      let stars = 0;
      for (let i = first; i >= 0; i = lower.indexOf('*', i + 1)) stars++;
      this.stars = stars;
      this.prefix = lower.slice(0, first);
      this.suffix = lower.slice(last + 1);
    }
    this.min = this.prefix.length + this.suffix.length;
  }

  /** (worked out when asked: only a search of the catalog by wildcard asks, and a document compiles thousands of strings) */
  get provider(): string | undefined {
    const slash = this.lower.indexOf('/');
    const head = slash < 0 ? this.lower : this.lower.slice(0, slash);
    return head.length > 0 && !head.includes('*') ? head : undefined;
  }

  matchesLower(name: string): boolean {
    if (this.stars === 0) return name === this.lower;
    if (name.length < this.min || !name.startsWith(this.prefix) || !name.endsWith(this.suffix)) return false;
    if (this.stars === 1) return true;
    this.regex ??= new RegExp('^' + this.lower.split('*').map(escapeRegExp).join('.*') + '$', 's');
    return this.regex.test(name);
  }

  matches(name: string): boolean {
    return this.matchesLower(name.toLowerCase());
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether some operation name could match both patterns (each with at most one `*`): the literal
 * parts before the stars must agree as far as the shorter goes, and so must the parts after.
 */
export function intersects(a: Pattern, b: Pattern): boolean {
  if (a.stars === 0) return b.matches(a.text);
  if (b.stars === 0) return a.matches(b.text);
  const prefixOk = a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix);
  const suffixOk = a.suffix.endsWith(b.suffix) || b.suffix.endsWith(a.suffix);
  return prefixOk && suffixOk;
}

/** Whether everything `inner` matches is matched by `outer` too (a sufficient test). */
export function covers(outer: Pattern, inner: Pattern): boolean {
  if (outer.stars === 0) return inner.stars === 0 && inner.lower === outer.lower;
  if (outer.stars > 1) return false; // not a valid Azure wildcard: it covers nothing for sure
  if (inner.stars === 0) return outer.matches(inner.text);
  if (inner.stars > 1) return false;
  return inner.prefix.startsWith(outer.prefix) && inner.suffix.endsWith(outer.suffix);
}
