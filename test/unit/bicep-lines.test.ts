// The line starts of a Bicep text found while its statements are (core/bicep/parser.ts
// `statementRanges`) are the ones model/line-index.ts finds itself: every offset has the same
// position by either.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { statementRanges } from '../../server/src/core/bicep/parser';
import { LineIndex } from '../../server/src/core/model/line-index';

function samePositions(text: string): void {
  const starts: number[] = [];
  statementRanges(text, starts);
  const found = new LineIndex(text, new Int32Array(starts));
  const own = new LineIndex(text);
  for (let offset = 0; offset <= text.length; offset++) assert.deepEqual(found.positionAt(offset), own.positionAt(offset), `${JSON.stringify(text)} at ${offset}`);
  const lines = text.split('\n').length;
  for (let line = 0; line <= lines + 1; line++) assert.equal(found.offsetAt({ line, character: 0 }), own.offsetAt({ line, character: 0 }), `${JSON.stringify(text)} line ${line}`);
}

describe('Bicep line starts, found with the statements', () => {
  it('are the line index’s own: empty text, one line, a last line break, blank lines, decorators', () => {
    for (const text of ['', 'x', '\n', 'param a string\n', "\n\n@description('d')\nparam a string\n\nvar b = 1", "resource r 'T@1' = {\n  name: 'x'\n}\n"]) samePositions(text);
  });

  it('are the line index’s own for any text without \\r (property)', () => {
    const piece = fc.constantFrom('\n', '\n\n', 'param a string', 'var b = 1', '@description(\'x\')', "resource r 'T@1' = {", '  name: \'x\'', '}', ' ', 'é', '😀');
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => samePositions(pieces.join(''))), { numRuns: 300 });
  });
});
