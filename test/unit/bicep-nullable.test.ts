// The look for nullable parameter types (`param lock lockType?`) before the text is copied with
// their `?` blanked (core/bicep/parser.ts): it may say yes where there is none, never no where the
// expression would blank one.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { NULLABLE_PARAMETER, mayHoldNullableParameter } from '../../server/src/core/bicep/parser';

const matches = (text: string) => text.search(NULLABLE_PARAMETER) >= 0;

describe('Bicep nullable parameters, looked for', () => {
  it('finds them where the expression does, at the start, the end and after each kind of line break', () => {
    for (const text of [
      'param lock lockType?',
      'param lock lockType?  \n',
      "targetScope = 'subscription'\nparam lock lockType?\r\nvar x = 1",
      "var a = 1\rparam tags resourceInput<'Microsoft.Resources/resourceGroups@2024-03-01'>.tags?\t\rvar b = 2",
      'var a = 1\u2028param p string?\u2029',
    ]) {
      assert.ok(matches(text), text);
      assert.ok(mayHoldNullableParameter(text), text);
    }
  });

  it('says no for files without one: a ternary, a safe access, a default, a question in a comment', () => {
    for (const text of [
      "var a = cond ? 'x' : 'y'\n",
      'var name = settings.?name\nparam p string = 1 > 0 ? \'a\' : \'b\'\n',
      "param p string = 'why?'\n",
      "resource r 'x@1' = {\n  param: 'a?'\n}\n",
      "// is it?\nvar x = 'is it?'\n",
    ]) {
      assert.equal(matches(text), false, text);
      assert.equal(mayHoldNullableParameter(text), false, text);
    }
  });

  it('never says no where the expression matches (property)', () => {
    // lines, some of them parameter lines that end with `?` (or nearly), joined by any line break
    const blank = fc.constantFrom('', ' ', '\t', '  ');
    const word = fc.constantFrom('x', 'lock', 'string', "'a'", "<'T@1'>.tags", '.?', '?', '=', ' ', "'why?'", '1 ? 2 : 3');
    const line = fc.oneof(
      fc.array(word, { maxLength: 5 }).map((w) => w.join('')),
      fc.tuple(fc.constantFrom('param', 'param', ' param', '// param'), fc.constantFrom(' ', '\t', ''), fc.constantFrom('p', 'lock1', ''), fc.constantFrom(' ', '\t ', ''),
        fc.array(word, { maxLength: 3 }), fc.constantFrom('?', '', '?x'), blank).map(([k, s1, id, s2, type, q, end]) => `${k}${s1}${id}${s2}${type.join('')}${q}${end}`),
    );
    const text = fc.tuple(fc.array(line, { minLength: 1, maxLength: 5 }), fc.array(fc.constantFrom('\n', '\r\n', '\r', '\u2028', '\u2029'), { minLength: 5, maxLength: 5 }))
      .map(([lines, breaks]) => lines.map((l, i) => (i < lines.length - 1 ? l + breaks[i] : l)).join(''));
    let matched = 0;
    fc.assert(fc.property(text, (t) => {
      if (!matches(t)) return;
      matched++;
      assert.ok(mayHoldNullableParameter(t), JSON.stringify(t));
    }), { numRuns: 3000 });
    // (the texts reach the case the property is about)
    assert.ok(matched > 100, `${matched} texts held a nullable parameter`);
  });
});
