// The comments of a text that speak to this checker (`azure-backup-rbac-…`: suppressions and
// backup operation declarations), found once per text and remembered for the last few texts, and
// carried over an edit inside one JSON value without scanning the whole text again.
import { SyntaxKind, createScanner } from 'jsonc-parser';

/** What every comment of ours starts with. */
export const MARKER = 'azure-backup-rbac-';

export interface MarkedComment {
  readonly offset: number;
  /** the comment as written, delimiters included */
  readonly text: string;
}

const perText = new Map<string, MarkedComment[]>();

function remember(text: string, comments: MarkedComment[]): MarkedComment[] {
  if (perText.size > 8) perText.clear();
  perText.set(text, comments);
  return comments;
}

function scan(text: string): MarkedComment[] {
  if (!text.includes(MARKER)) return [];
  const found: MarkedComment[] = [];
  const scanner = createScanner(text, false);
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token !== SyntaxKind.LineCommentTrivia && token !== SyntaxKind.BlockCommentTrivia) continue;
    const offset = scanner.getTokenOffset();
    const comment = text.slice(offset, offset + scanner.getTokenLength());
    if (comment.includes(MARKER)) found.push({ offset, text: comment });
  }
  return found;
}

/** The comments of ours in a text, in order. */
export function markedComments(text: string): readonly MarkedComment[] {
  return perText.get(text) ?? remember(text, scan(text));
}

/**
 * Remembers the comments of a text made by replacing `[start, oldEnd)` of `before` with `piece`,
 * a whole JSON value: those outside it are the old ones (moved), those inside it are found in the
 * piece alone. Saves scanning a large text again after a small edit.
 */
export function carryComments(before: string, after: string, start: number, oldEnd: number, piece: string): void {
  const delta = piece.length - (oldEnd - start);
  const old = markedComments(before);
  remember(after, [
    ...old.filter((c) => c.offset + c.text.length <= start),
    ...scan(piece).map((c) => ({ ...c, offset: c.offset + start })),
    ...old.filter((c) => c.offset >= oldEnd).map((c) => ({ ...c, offset: c.offset + delta })),
  ]);
}
