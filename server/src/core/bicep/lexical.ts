// Bicep's lexical rules, as far as the edits and the comment scan need them: how a string and a
// property key are written, and where the comments are (not inside strings, `'''multi-line'''`
// strings or their `${…}` interpolations). The grammar's tree is not needed for either.

/** A string as Bicep writes it: single quotes, with `\'`, `\\`, `\${` and control characters escaped. */
export function bicepString(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === "'" || c === '\\') out += `\\${c}`;
    else if (c === '$' && value[i + 1] === '{') out += '\\$';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c < ' ') out += `\\u{${c.charCodeAt(0).toString(16).toUpperCase()}}`;
    else out += c;
  }
  return `'${out}'`;
}

/** A property key as Bicep writes it: bare when it is an identifier, else a string. */
export function bicepKey(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : bicepString(name);
}

/** Where a comment is: offset and length, delimiters included. */
export interface CommentSpan {
  readonly offset: number;
  readonly length: number;
}

/**
 * The comments of a Bicep text, in order: `// …` to the end of its line and `/* … *\/`, never what
 * looks like one inside a string (`'https://…'`), a multi-line string or an interpolation's string.
 * An unterminated string ends at its line's end, so one bad line does not hide the comments after it.
 */
export function bicepComments(text: string): CommentSpan[] {
  const found: CommentSpan[] = [];
  // braces open in each interpolation being read: the string resumes at the `}` that closes it
  const interpolations: number[] = [];
  let braces = 0;
  let inString = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i += 2;
      else if (c === "'") {
        inString = false;
        i++;
      } else if (c === '$' && text[i + 1] === '{') {
        interpolations.push(braces);
        braces = 0;
        inString = false;
        i += 2;
      } else if (c === '\n' || c === '\r') {
        inString = false;
        interpolations.length = 0;
        braces = 0;
      } else i++;
      continue;
    }
    if (text.startsWith("'''", i)) {
      const end = text.indexOf("'''", i + 3);
      i = end < 0 ? text.length : end + 3;
    } else if (c === "'") {
      inString = true;
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      let end = i + 2;
      while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
      found.push({ offset: i, length: end - i });
      i = end;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      found.push({ offset: i, length: end - i });
      i = end;
    } else {
      if (c === '{') braces++;
      else if (c === '}') {
        if (braces === 0 && interpolations.length > 0) {
          braces = interpolations.pop()!;
          inString = true;
        } else if (braces > 0) braces--;
      }
      i++;
    }
  }
  return found;
}
