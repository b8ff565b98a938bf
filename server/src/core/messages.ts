// How messages, hovers and reports put things: one home for the helpers every rule, note, hover
// and report uses, so a value is quoted, shortened and counted the same way everywhere.
//
// Messages put their point first: the Problems panel and narrow terminals show about 80
// characters (test/unit/rules/messages.test.ts holds every rule to it).

/** 12345 → "12,345" (without Intl: its first use costs more than a whole check). */
export function thousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `'text'` for messages; long values are shortened in the middle. */
export function quote(text: string): string {
  const shown = text.length > 120 ? `${text.slice(0, 70)}…${text.slice(-40)}` : text;
  return `'${shown}'`;
}

/**
 * Messages put their point first: the Problems panel and narrow terminals show about 80
 * characters. A value quoted at the head of a message may take `HEAD` of them, leaving the rest
 * for what is wrong with it.
 */
export const HEAD = 56;

/** How long the shortened form of a value may be, quotes included. */
const SHORT = 32;

/**
 * A value for the head of a message: quoted whole when it fits in `room` characters, else in its
 * short form. A message that shortens a value gives it whole further on (see `again`, `whole`).
 */
export function lead(text: string, room = HEAD): string {
  const whole = quote(text);
  return whole.length <= room ? whole : shortForm(text, Math.min(room, SHORT));
}

/**
 * A path-like value by its last segments after '…/' (`keep` at least, more while they fit in
 * `room`, quotes included), which tell it apart: '…/backupAadProperties/read'. A value of fewer
 * segments, or no longer than that, stays whole.
 */
export function shortForm(text: string, room = SHORT, keep = 2): string {
  const whole = quote(text);
  const segments = text.split('/');
  if (segments.length <= keep) return whole;
  let tail = segments.slice(-keep).join('/');
  for (let i = segments.length - keep - 1; i > 0; i--) {
    const longer = `${segments[i]}/${tail}`;
    if (longer.length + 4 > room) break;
    tail = longer;
  }
  const short = `'…/${tail}'`;
  return short.length < whole.length ? short : whole;
}

/** Whether `lead` shortens the value, so the message should quote it whole later. */
export function shortened(text: string, room = HEAD): boolean {
  return lead(text, room) !== quote(text);
}

/** The value again, after `lead` (with the same room): `pronoun` when it was quoted whole, else the whole of it. */
export function again(text: string, pronoun = 'it', room = HEAD): string {
  return shortened(text, room) ? quote(text) : pronoun;
}

/** ` ('<the whole value>')` after a clause that led with it shortened, else nothing. */
export function whole(text: string, room = HEAD): string {
  return shortened(text, room) ? ` (${quote(text)})` : '';
}

/** "a", "a or b", "a, b or c" */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** "a", "a and b", "a, b and c" */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${thousands(n)} ${n === 1 ? singular : plural}`;
}

export function planeWord(plane: 'action' | 'data'): string {
  return plane === 'action' ? 'control-plane' : 'data-plane';
}

/** A size as people read it: "820 KB", "20.0 MB". */
export function megabytes(bytes: number): string {
  return bytes < 1048576 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
}
