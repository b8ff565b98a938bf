// What the language server asks of the platform it runs on. The LSP face (start-server.ts) is one;
// its hosts are the Node process (node/host.ts: the disk) and a browser's Web Worker
// (browser/host.ts: the catalog bundled, files and the Bicep WebAssembly asked of the editor).
import type { BicepParser, Catalog, LoadedCatalog, Settings } from '../core';
import type { BicepWasmFiles } from '../protocol';

/** What the client says at `initialize` that a host uses (filled in before `ready`). */
export interface HostInit {
  /** where the desktop's import commands keep the user's catalog files (the extension's global storage) */
  importDir?: string;
  /** the URI of the extension's docs/rules.md, where the host cannot find it itself (the browser) */
  rulesDoc?: string;
  /** the Bicep parser's WebAssembly, given up front by a browser client that has a Bicep file open */
  bicepWasm?: BicepWasmFiles;
}

/** A file read for the workspace scan: its text, or undefined (unreadable, binary, over the size limit). */
export type ReadText = (uri: string, maxSize: number) => Promise<string | undefined>;

export interface ServerHost {
  /** Before the first request (in `initialize`): what must be ready for the session, such as the catalog. */
  ready(): Promise<void>;
  /** The bundled catalog, once `ready`. */
  bundledCatalog(): Catalog;
  /**
   * The catalog the settings ask for: the bundled one, or the user's files laid over it. `key`
   * changes when what it would read changes; `load` reads it.
   */
  catalog(settings: Settings, folders: readonly string[]): { readonly key: string; load(): LoadedCatalog };
  /** The link to a rule's documentation, if the host knows where it ships. */
  ruleDocs(): ((ruleId: string) => string) | undefined;
  /** The Bicep parser (the first call loads it). */
  loadBicep(): Promise<BicepParser>;
  /** Whether the files below this URI can be listed and read (a workspace folder, a file the editor closed). */
  reads(uri: string): boolean;
  /** The JSON, JSONC and Bicep files below a folder, as URIs, skipping dependency and build folders. */
  findRoleFiles(folder: string, options: { limit: number; isCancelled: () => boolean }): Promise<string[]>;
  readText: ReadText;
  /** The path of a file relative to the innermost workspace folder holding it, as the settings' globs see it. */
  relativePath(uri: string, folders: readonly string[]): string | undefined;
}

/**
 * A URI's path relative to the innermost folder URI holding it ('…/ws/a' does not hold
 * '…/ws/ab/x.json'), decoded as the settings' globs read it; undefined outside them all.
 */
export function relativeToFolderUris(uri: string, folders: readonly string[]): string | undefined {
  const base = (f: string) => f.replace(/\/+$/, '');
  const holder = folders.filter((f) => uri.startsWith(`${base(f)}/`)).sort((a, b) => base(b).length - base(a).length)[0];
  return holder === undefined ? undefined : decodeURIComponent(uri.slice(base(holder).length + 1));
}
