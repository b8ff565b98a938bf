// Which source a place in a bundle comes from, read from the bundle's linked source map (version 3):
// for bundles minified to long lines, where esbuild's `// path` comments are gone.

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A segment's fields, relative to the one before (Base64 VLQ). */
function decodeSegment(segment: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = BASE64.indexOf(c);
    if (digit < 0) throw new Error(`not a source map segment: ${segment}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return fields;
}

/** `sourceAt(line, column)` (0-based, in the bundle): the source file there, or undefined (esbuild's own helpers). */
export function sourceLookup(map: { sources: string[]; mappings: string }): (line: number, column: number) => string | undefined {
  // per generated line, the columns where a segment starts and the source it maps to (-1: none)
  const lines: { columns: number[]; sources: number[] }[] = [];
  let source = 0;
  for (const text of map.mappings.split(';')) {
    const columns: number[] = [];
    const sources: number[] = [];
    let column = 0;
    for (const segment of text ? text.split(',') : []) {
      const fields = decodeSegment(segment);
      column += fields[0];
      if (fields.length > 1) source += fields[1];
      columns.push(column);
      sources.push(fields.length > 1 ? source : -1);
    }
    lines.push({ columns, sources });
  }
  return (line, column) => {
    const at = lines[line];
    if (!at) return undefined;
    // the last segment starting at or before the column
    let lo = 0;
    let hi = at.columns.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (at.columns[mid] <= column) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found >= 0 && at.sources[found] >= 0 ? map.sources[at.sources[found]] : undefined;
  };
}
