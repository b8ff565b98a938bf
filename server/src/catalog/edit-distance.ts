/**
 * Levenshtein distances, with the rows of the table kept between calls (suggestions compare one
 * string with thousands). Owned by whoever compares often: the catalog keeps one
 * (`Catalog.distance`).
 */
export class EditDistance {
  private previous = new Int32Array(64);
  private current = new Int32Array(64);

  /**
   * The distance between `a` and `b` (from `bStart` on), giving up (returning `limit + 1`) as
   * soon as it must exceed `limit`.
   */
  between(a: string, b: string, limit = Number.MAX_SAFE_INTEGER, bStart = 0): number {
    const bLength = b.length - bStart;
    if (Math.abs(a.length - bLength) > limit) return limit + 1;
    if (a.length === 0) return bLength;
    if (bLength === 0) return a.length;
    if (bStart === 0 && a === b) return 0;
    if (this.previous.length <= bLength) {
      this.previous = new Int32Array(bLength * 2 + 1);
      this.current = new Int32Array(bLength * 2 + 1);
    }
    return distance(a, b, limit, bStart, bLength, this.previous, this.current);
  }
}

function distance(a: string, b: string, limit: number, bStart: number, bLength: number, rowA: Int32Array, rowB: Int32Array): number {
  let prev = rowA;
  let cur = rowB;
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
