/** Rows of the distance table, kept between calls (suggestions compare one string with thousands). */
let previous = new Int32Array(64);
let current = new Int32Array(64);

/**
 * Levenshtein distance between `a` and `b` (from `bStart` on), giving up (returning `limit + 1`)
 * as soon as the distance must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Number.MAX_SAFE_INTEGER, bStart = 0): number {
  const bLength = b.length - bStart;
  if (Math.abs(a.length - bLength) > limit) return limit + 1;
  if (a.length === 0) return bLength;
  if (bLength === 0) return a.length;
  if (bStart === 0 && a === b) return 0;
  if (previous.length <= bLength) {
    previous = new Int32Array(bLength * 2 + 1);
    current = new Int32Array(bLength * 2 + 1);
  }
  let prev = previous;
  let cur = current;
  for (let j = 0; j <= bLength; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= bLength; j++) {
      const cost = ca === b.charCodeAt(bStart + j - 1) ? 0 : 1;
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[bLength];
}
