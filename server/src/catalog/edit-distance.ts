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
    // (within a limit shorter than both strings, only the cells near the diagonal can stay within it)
    if (limit < a.length && limit < bLength) return banded(a, b, limit, bStart, bLength, this.previous, this.current);
    return distance(a, b, limit, bStart, bLength, this.previous, this.current);
  }
}

/**
 * The distance within `limit` (else `limit + 1`), working out only the cells at most `limit` off
 * the diagonal: a path through any other cell costs more than the limit already. Thousands of
 * names are compared with a slip of a few edits: a few cells a row rather than the whole row.
 */
function banded(a: string, b: string, limit: number, bStart: number, bLength: number, rowA: Int32Array, rowB: Int32Array): number {
  const beyond = limit + 1;
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= bLength; j++) prev[j] = j <= limit ? j : beyond;
  for (let i = 1; i <= a.length; i++) {
    const low = Math.max(1, i - limit);
    const high = Math.min(bLength, i + limit);
    // the cell left of the band: the first column (i edits), or out of reach
    cur[low - 1] = low === 1 && i <= limit ? i : beyond;
    let rowMin = cur[low - 1];
    const ca = a.charCodeAt(i - 1);
    for (let j = low; j <= high; j++) {
      const cost = ca === b.charCodeAt(bStart + j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (v > beyond) v = beyond;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // the cell right of the band, which the next row reads above it
    if (high < bLength) cur[high + 1] = beyond;
    if (rowMin > limit) return beyond;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[bLength];
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
