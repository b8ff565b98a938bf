// The text of a document being edited, kept as pieces: the text it was opened or last read with,
// cut where the edits since fall, and what they inserted. An edit builds no new whole text: a
// string of a few megabytes made again at each keystroke costs more than the check of the edit
// (the engine copies a string into fresh memory when one built of parts is first read, and fresh
// memory of that size is slow to come by). Slices are taken from the pieces; the whole text, when
// one asks for it, is the pieces joined, which the engine copies only when it is first read.
//
// Immutable: an edit answers a new text, sharing the pieces it did not cut.

/** Pieces beyond which an edit joins the text into one again (an edit adds two at most). */
const MAX_PIECES = 512;
/** Pieces shorter than this are merged with what an edit inserts beside them. */
const SMALL = 256;

export class PieceText {
  private joined: string | undefined;

  private constructor(
    private readonly pieces: readonly string[],
    /** where each piece ends in the text */
    private readonly ends: readonly number[],
  ) {
    if (pieces.length === 1) this.joined = pieces[0];
  }

  static of(text: string): PieceText {
    return new PieceText([text], [text.length]);
  }

  get length(): number {
    return this.ends.length > 0 ? this.ends[this.ends.length - 1] : 0;
  }

  /** The whole text, one string (the pieces joined: copied by the engine only when first read). */
  toString(): string {
    if (this.joined === undefined) {
      let s = '';
      for (const p of this.pieces) s += p;
      this.joined = s;
    }
    return this.joined;
  }

  /** The index of the piece holding offset `at` (the last one for the end of the text). */
  private pieceAt(at: number): number {
    const ends = this.ends;
    let low = 0;
    let high = ends.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (ends[mid] <= at) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private startOf(i: number): number {
    return i > 0 ? this.ends[i - 1] : 0;
  }

  /** The text in [start, end), as `String.prototype.slice` (within one piece: a slice of it, no copy). */
  slice(start: number, end: number = this.length): string {
    const length = this.length;
    const from = Math.max(0, Math.min(start < 0 ? length + start : start, length));
    const to = Math.max(0, Math.min(end < 0 ? length + end : end, length));
    if (to <= from) return '';
    if (this.pieces.length === 1) return this.pieces[0].slice(from, to);
    let i = this.pieceAt(from);
    let out = '';
    for (let at = from; at < to; i++) {
      const base = this.startOf(i);
      const take = this.pieces[i].slice(at - base, Math.min(to, this.ends[i]) - base);
      out = out === '' ? take : out + take;
      at = this.ends[i];
    }
    return out;
  }

  charCodeAt(at: number): number {
    if (at < 0 || at >= this.length) return NaN;
    const i = this.pieceAt(at);
    return this.pieces[i].charCodeAt(at - this.startOf(i));
  }

  /** The text with `[offset, offset + length)` replaced by `text`. */
  edit(offset: number, length: number, text: string): PieceText {
    const total = this.length;
    const start = Math.max(0, Math.min(offset, total));
    const end = Math.max(start, Math.min(offset + length, total));
    // the pieces wholly before the edit, the cut one's part before it, the inserted text, the
    // cut one's part after it, and the pieces wholly after
    const first = start < total ? this.pieceAt(start) : this.pieces.length;
    const last = end < total ? this.pieceAt(end) : this.pieces.length;
    const pieces: string[] = this.pieces.slice(0, first);
    const before = first < this.pieces.length ? this.pieces[first].slice(0, start - this.startOf(first)) : '';
    const after = last < this.pieces.length ? this.pieces[last].slice(end - this.startOf(last)) : '';
    // small neighbours merge with the insertion (typing in one place keeps one piece for it)
    let middle = text;
    if (before.length < SMALL && before.length > 0) middle = before + middle;
    else if (before.length > 0) pieces.push(before);
    if (middle.length > 0 && pieces.length > 0 && pieces[pieces.length - 1].length < SMALL) middle = pieces.pop()! + middle;
    let tail = after;
    if (tail.length < SMALL) {
      middle += tail;
      tail = '';
    }
    if (middle.length > 0) pieces.push(middle);
    if (tail.length > 0) pieces.push(tail);
    for (let i = last + 1; i < this.pieces.length; i++) pieces.push(this.pieces[i]);
    // (join makes one string at once)
    if (pieces.length > MAX_PIECES) return PieceText.of(pieces.join(''));
    const ends: number[] = [];
    let at = 0;
    for (const p of pieces) ends.push(at += p.length);
    return new PieceText(pieces, ends);
  }
}
