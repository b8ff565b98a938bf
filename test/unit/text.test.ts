// A text kept in pieces (core/model/text.ts) reads as the string it stands for, after any edits;
// the language server's open document over it (lsp/editor-document.ts) answers every position and
// offset as vscode-languageserver-textdocument's TextDocument does after the same changes.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PieceText } from '../../server/src/core/model/text';
import { EditorDocument } from '../../server/src/lsp/editor-document';

const RUNS = Number(process.env.FC_RUNS ?? 120);

/** text with line breaks of every kind, and characters outside the BMP */
const chunk = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom('\n', '\r\n', '\r', '\n\n', 'x\r\ny', '😀') },
  { weight: 1, arbitrary: fc.string({ minLength: 300, maxLength: 900 }) },
);
const someText = fc.array(chunk, { maxLength: 40 }).map((parts) => parts.join(''));

/** An edit as fractions of the length (so it fits any text). */
const anEdit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), span: fc.double({ min: 0, max: 0.3, noNaN: true }), text: chunk });

describe('a text in pieces', () => {
  it('slices, reads and joins as the string it stands for after any edits', () => {
    fc.assert(fc.property(someText, fc.array(anEdit, { maxLength: 60 }), fc.array(fc.tuple(fc.double({ min: -0.1, max: 1.1, noNaN: true }), fc.double({ min: -0.1, max: 1.1, noNaN: true })), { maxLength: 8 }), (start, edits, probes) => {
      let expected = start;
      let text = PieceText.of(start);
      for (const e of edits) {
        const offset = Math.floor(e.at * expected.length);
        const length = Math.min(expected.length - offset, Math.floor(e.span * expected.length));
        expected = expected.slice(0, offset) + e.text + expected.slice(offset + length);
        text = text.edit(offset, length, e.text);
        assert.equal(text.length, expected.length);
      }
      assert.equal(text.toString(), expected);
      for (const [a, b] of probes) {
        const from = Math.floor(a * expected.length);
        const to = Math.floor(b * expected.length);
        assert.equal(text.slice(from, to), expected.slice(from, to));
        assert.equal(text.slice(from), expected.slice(from));
        assert.deepEqual(text.charCodeAt(from), expected.charCodeAt(from));
      }
    }), { numRuns: RUNS });
  });

  it('reads right after typing in one place and after many edits spread over the text (pieces merged, joined again past a limit)', () => {
    let text = PieceText.of('a'.repeat(100000));
    for (let i = 0; i < 500; i++) text = text.edit(5000 + i, 0, 'x');
    assert.equal(text.slice(5000, 5500), 'x'.repeat(500));
    let spread = PieceText.of('b'.repeat(100000));
    for (let i = 0; i < 2000; i++) spread = spread.edit((i * 7919) % 100000, 1, 'c');
    assert.equal(spread.length, 100000);
    assert.equal(spread.toString().replace(/b/g, '').length, new Set(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 100000)).size);
  });
});

describe('the language server\'s open document', () => {
  it('answers positions and offsets as TextDocument does after the same changes', () => {
    const position = fc.record({ line: fc.integer({ min: -1, max: 40 }), character: fc.integer({ min: -1, max: 60 }) });
    const change = fc.oneof(
      { weight: 8, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text: chunk }) },
      { weight: 1, arbitrary: fc.record({ text: someText }) },
    );
    fc.assert(fc.property(someText, fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 25 }), fc.array(position, { maxLength: 6 }), fc.array(fc.double({ min: -0.1, max: 1.1, noNaN: true }), { maxLength: 6 }), (start, changes, positions, offsets) => {
      const reference = TextDocument.create('untitled:a', 'json', 1, start);
      const ours = new EditorDocument('untitled:a', 'json', 1, start);
      let version = 1;
      // (lines past the end, which no editor sends, leave TextDocument's line starts with holes: the
      // changes stay within the document's lines, one at a time, as the server applies them)
      const within = (p: { line: number; character: number }) => ({ line: Math.min(p.line, reference.lineCount - 1), character: p.character });
      for (const batch of changes) {
        version++;
        for (const c of batch) {
          const change = 'range' in c ? { range: { start: within(c.range.start), end: within(c.range.end) }, text: c.text } : c;
          TextDocument.update(reference, [change], version);
          ours.update([change], version);
        }
        assert.equal(ours.version, version);
        for (const p of positions) assert.equal(ours.offsetAt(p), reference.offsetAt(p), `offsetAt ${JSON.stringify(p)}`);
      }
      assert.equal(ours.getText(), reference.getText());
      assert.equal(ours.lineCount, reference.lineCount);
      for (const f of offsets) {
        const offset = Math.floor(f * reference.getText().length);
        assert.deepEqual(ours.positionAt(offset), reference.positionAt(offset), `positionAt ${offset}`);
      }
      for (const p of positions) {
        assert.equal(ours.offsetAt(p), reference.offsetAt(p));
        const range = { start: p, end: { line: p.line + 1, character: 2 } };
        assert.equal(ours.getText(range), reference.getText(range));
      }
    }), { numRuns: RUNS });
  });
});
