// ARM template expressions: a string value that starts with `[` and ends with `]` is evaluated at
// deployment, so its literal text is not an action or a scope; `[[` escapes a literal `[`.

export function isExpression(value: string): boolean {
  return value.length >= 2 && value.startsWith('[') && !value.startsWith('[[') && value.trimEnd().endsWith(']');
}

/** The literal a non-expression string stands for (`[[x]` is the literal `[x]`). */
export function literalOf(value: string): string {
  return value.startsWith('[[') ? value.slice(1) : value;
}

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Every GUID in a string, with its offset in the string. */
export function guidsIn(value: string): { guid: string; offset: number }[] {
  const found: { guid: string; offset: number }[] = [];
  for (const m of value.matchAll(GUID)) found.push({ guid: m[0], offset: m.index ?? 0 });
  return found;
}

export function isGuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
