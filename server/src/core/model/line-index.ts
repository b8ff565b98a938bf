import type { Position, Range } from '../types';

/** Maps UTF-16 offsets of a text to LSP line/character positions and back. */
export class LineIndex {
  /** (a typed array: a large file has a hundred thousand line starts) */
  private readonly starts: Int32Array;

  /**
   * The index of a text after an edit, from the index before it (no rescan of the text). An edit
   * that neither removes nor inserts a line break moves the line starts after it in place: the
   * index before is then the one after too (an edited document is consumed by its edit, see
   * analysis/incremental.ts), and a large file's hundred thousand line starts are not copied.
   */
  static afterEdit(before: LineIndex, text: string, edit: { offset: number; length: number; text: string }): LineIndex {
    const delta = edit.text.length - edit.length;
    const end = edit.offset + edit.length;
    const old = before.starts;
    // line starts the inserted text makes (a \r\n pair is one break)
    const added: number[] = [];
    for (let j = 0; j < edit.text.length; j++) {
      const c = edit.text.charCodeAt(j);
      if (c === 13 && edit.text.charCodeAt(j + 1) === 10) continue;
      if (c === 10 || c === 13) added.push(edit.offset + j + 1);
    }
    const kept = before.firstAfter(edit.offset);
    const resumed = before.firstAfter(end);
    if (added.length === 0 && kept === resumed) {
      if (delta !== 0) for (let i = kept; i < old.length; i++) old[i] += delta;
      return new LineIndex(text, old);
    }
    const starts = new Int32Array(kept + added.length + old.length - resumed);
    for (let i = 0; i < kept; i++) starts[i] = old[i];
    for (let i = 0; i < added.length; i++) starts[kept + i] = added[i];
    for (let i = resumed, k = kept + added.length; i < old.length; i++, k++) starts[k] = old[i] + delta;
    return new LineIndex(text, starts);
  }

  /** The index of the first line that starts after the offset (the number of lines starting at or before it). */
  private firstAfter(offset: number): number {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.starts[mid] <= offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  constructor(private readonly text: string, known?: Int32Array) {
    if (known) {
      this.starts = known;
      return;
    }
    const starts = [0];
    if (!text.includes('\r')) {
      // the common case, found by the engine's own search
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 13 /* \r */) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        } else if (c === 10 /* \n */) {
          starts.push(i + 1);
        }
      }
    }
    this.starts = new Int32Array(starts);
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.starts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    const next = position.line + 1 < this.starts.length ? this.starts[position.line + 1] : this.text.length;
    return Math.max(start, Math.min(start + position.character, next));
  }

  range(offset: number, length: number): Range {
    return { start: this.positionAt(offset), end: this.positionAt(offset + length) };
  }
}
