// An open document as the editor sends it: the `TextDocument` of vscode-languageserver-textdocument
// (the same positions, the same updates, line starts kept in place), but with its text in pieces
// (core PieceText) rather than rebuilt at each edit. That library makes each incremental change a
// new whole string and reads it at once, which copies a large file (megabytes) at every keystroke.
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { PieceText } from '../core';

export class EditorDocument implements Pick<TextDocument, 'uri' | 'languageId' | 'version' | 'getText' | 'positionAt' | 'offsetAt' | 'lineCount'> {
  private content: PieceText;
  private lineOffsets: number[] | undefined;

  constructor(readonly uri: string, readonly languageId: string, private current: number, text: string) {
    this.content = PieceText.of(text);
  }

  get version(): number {
    return this.current;
  }

  /** The text, in pieces (what the session keeps). */
  get text(): PieceText {
    return this.content;
  }

  getText(range?: Range): string {
    if (range) return this.content.slice(this.offsetAt(range.start), this.offsetAt(range.end));
    return this.content.toString();
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  /** Applies the editor's changes, each in the text the ones before it left, as TextDocument.update does. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (isIncremental(change)) {
        const range = wellformed(change.range);
        const startOffset = this.offsetAt(range.start);
        const endOffset = this.offsetAt(range.end);
        this.content = this.content.edit(startOffset, endOffset - startOffset, change.text);
        const insertedEnd = startOffset + change.text.length;
        const crlfAtStart = this.content.charCodeAt(startOffset - 1) === CR && this.content.charCodeAt(startOffset) === LF;
        const crlfAtEnd = this.content.charCodeAt(insertedEnd - 1) === CR && this.content.charCodeAt(insertedEnd) === LF;
        if (crlfAtStart || crlfAtEnd) {
          // a CR LF pair across the edit's boundary is not in the inserted text's line starts
          this.lineOffsets = undefined;
          continue;
        }
        const startLine = Math.max(range.start.line, 0);
        const endLine = Math.max(range.end.line, 0);
        let lineOffsets = this.getLineOffsets();
        const added = computeLineOffsets(change.text, false, startOffset);
        if (endLine - startLine === added.length) {
          for (let i = 0; i < added.length; i++) lineOffsets[i + startLine + 1] = added[i];
        } else if (added.length < 10000) {
          lineOffsets.splice(startLine + 1, endLine - startLine, ...added);
        } else {
          this.lineOffsets = lineOffsets = lineOffsets.slice(0, startLine + 1).concat(added, lineOffsets.slice(endLine + 1));
        }
        const diff = change.text.length - (endOffset - startOffset);
        if (diff !== 0) for (let i = startLine + 1 + added.length; i < lineOffsets.length; i++) lineOffsets[i] += diff;
      } else {
        this.content = PieceText.of(change.text);
        this.lineOffsets = undefined;
      }
    }
    this.current = version;
  }

  private getLineOffsets(): number[] {
    this.lineOffsets ??= computeLineOffsets(this.content.toString(), true);
    return this.lineOffsets;
  }

  positionAt(offset: number): Position {
    const at = Math.max(Math.min(offset, this.content.length), 0);
    const lineOffsets = this.getLineOffsets();
    let low = 0;
    let high = lineOffsets.length;
    if (high === 0) return { line: 0, character: at };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (lineOffsets[mid] > at) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    return { line, character: this.beforeEol(at, lineOffsets[line]) - lineOffsets[line] };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) return this.content.length;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line];
    if (position.character <= 0) return lineOffset;
    const next = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1] : this.content.length;
    return this.beforeEol(Math.min(lineOffset + position.character, next), lineOffset);
  }

  private beforeEol(offset: number, lineOffset: number): number {
    let at = offset;
    while (at > lineOffset && isEol(this.content.charCodeAt(at - 1))) at--;
    return at;
  }
}

const CR = 13;
const LF = 10;
const isEol = (c: number) => c === CR || c === LF;

function isIncremental(change: TextDocumentContentChangeEvent): change is { range: Range; rangeLength?: number; text: string } {
  return (change as { range?: Range }).range !== undefined;
}

function wellformed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

function computeLineOffsets(text: string, atLineStart: boolean, textOffset = 0): number[] {
  const result: number[] = atLineStart ? [textOffset] : [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isEol(c)) {
      if (c === CR && i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
      result.push(textOffset + i + 1);
    }
  }
  return result;
}
