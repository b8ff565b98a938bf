// The comments of a document that speak to this checker (`azure-backup-rbac-…`: suppressions and
// backup operation declarations), found once per parsed document and kept with it, and carried
// over an edit inside one JSON value without scanning the whole text again. JSON's comments are
// found by jsonc-parser's scanner, Bicep's by its own (bicep/lexical.ts: `'…'` strings).
import { SyntaxKind, createScanner } from 'jsonc-parser';
import { memoKey } from '../../catalog/memo';
import { bicepComments } from '../bicep/lexical';
import type { RoleDocument } from './role-document';

/** What every comment of ours starts with. */
export const MARKER = 'azure-backup-rbac-';

export interface MarkedComment {
  readonly offset: number;
  /** the comment as written, delimiters included */
  readonly text: string;
}

const COMMENTS = memoKey<readonly MarkedComment[]>('marked comments');

function scan(text: string, language: RoleDocument['language']): MarkedComment[] {
  if (!text.includes(MARKER)) return [];
  if (language === 'bicep') {
    return bicepComments(text).map(({ offset, length }) => ({ offset, text: text.slice(offset, offset + length) })).filter((c) => c.text.includes(MARKER));
  }
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

/** The comments of ours in a document, in order. */
export function markedComments(document: Pick<RoleDocument, 'text' | 'memo' | 'language'>): readonly MarkedComment[] {
  return document.memo.get(COMMENTS, () => scan(document.text, document.language));
}

/**
 * Gives the document made by replacing `[start, oldEnd)` of `before` with `piece`, a whole JSON
 * value, its comments: those outside the piece are the old ones (moved), those inside it are found
 * in the piece alone. Saves scanning a large text again after a small edit (JSON only: a Bicep
 * document is parsed again whole).
 */
export function carryComments(before: Pick<RoleDocument, 'text' | 'memo' | 'language'>, after: Pick<RoleDocument, 'memo'>, start: number, oldEnd: number, piece: string): void {
  const delta = piece.length - (oldEnd - start);
  const old = markedComments(before);
  after.memo.set(COMMENTS, [
    ...old.filter((c) => c.offset + c.text.length <= start),
    ...scan(piece, before.language).map((c) => ({ ...c, offset: c.offset + start })),
    ...old.filter((c) => c.offset >= oldEnd).map((c) => ({ ...c, offset: c.offset + delta })),
  ]);
}
