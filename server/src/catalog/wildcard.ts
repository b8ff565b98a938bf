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

const cache = new Map<string, Pattern>();

export function pattern(text: string): Pattern {
  let p = cache.get(text);
  if (!p) {
    p = compile(text);
    if (cache.size > 20000) cache.clear();
    cache.set(text, p);
  }
  return p;
}

function compile(text: string): Pattern {
  const lower = text.toLowerCase();
  const parts = lower.split('*');
  const stars = parts.length - 1;
  const prefix = parts[0];
  const suffix = stars === 0 ? '' : parts[parts.length - 1];
  const slash = lower.indexOf('/');
  const head = slash < 0 ? lower : lower.slice(0, slash);
  const provider = head.length > 0 && !head.includes('*') ? head : undefined;
  let matchesLower: (name: string) => boolean;
  if (stars === 0) {
    matchesLower = (name) => name === lower;
  } else if (stars === 1) {
    const min = prefix.length + suffix.length;
    matchesLower = (name) => name.length >= min && name.startsWith(prefix) && name.endsWith(suffix);
  } else {
    const re = new RegExp('^' + parts.map(escapeRegExp).join('.*') + '$', 's');
    matchesLower = (name) => re.test(name);
  }
  const matches = (name: string) => matchesLower(name.toLowerCase());
  return { text, lower, stars, prefix, suffix, provider, matches, matchesLower };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function hasWildcard(text: string): boolean {
  return text.includes('*');
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
