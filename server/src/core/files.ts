// What makes a file a candidate role file, which folders are never worth reading, and how a file's
// bytes become text: shared by the faces that read files, whether from Node's disk (node/files.ts)
// or through the editor in a browser worker (browser/host.ts). Pure: the faces do the reading.

/** Folders never worth walking into. */
export const SKIPPED_FOLDERS: readonly string[] = ['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.vscode-test', 'bower_components', '.terraform'];

export const ROLE_FILE_EXTENSIONS: readonly string[] = ['.json', '.jsonc', '.bicep'];

/** A JSON, JSONC or Bicep file, by its name (a path or a URI). */
export function isCandidateFile(path: string): boolean {
  const lower = path.toLowerCase();
  return ROLE_FILE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** A Bicep file, by its name (a path or a URI). */
export function isBicepFile(path: string): boolean {
  return path.toLowerCase().endsWith('.bicep');
}

export type ReadResult =
  | { kind: 'text'; text: string }
  | { kind: 'binary' }
  | { kind: 'too-large'; size: number }
  | { kind: 'error'; message: string };

/**
 * A file's bytes as text: UTF-16 after its BOM (Windows PowerShell writes it), else UTF-8 (a UTF-8
 * BOM kept, as the parsers expect); a NUL in the first 8 KB makes it binary.
 */
export function decodeText(bytes: Uint8Array): ReadResult {
  const utf16 = (encoding: 'utf-16le' | 'utf-16be') =>
    new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { kind: 'text', text: utf16('utf-16le') };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { kind: 'text', text: utf16('utf-16be') };
  if (bytes.subarray(0, 8192).includes(0)) return { kind: 'binary' };
  return { kind: 'text', text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}
