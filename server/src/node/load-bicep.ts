// Loads the Bicep front end when a face first meets a Bicep file, never before: JSON-only users pay
// nothing for it at start-up. Reads the two WebAssembly files (the grammar, vendored in
// server/data/, and web-tree-sitter's runtime, copied beside the bundles at build) and hands their
// bytes to the core, which does no IO. The bundles live in server/out/; compiled sources (tests)
// in out/server/src/node/, so both places are tried.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BicepParser } from '../core';

function firstExisting(what: string, candidates: readonly string[]): string {
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`${what} not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Where the grammar and the runtime are, from the bundles or the compiled sources. */
export function bicepWasmPaths(): { grammar: string; runtime: string } {
  const repo = resolve(__dirname, '..', '..', '..', '..');
  return {
    grammar: firstExisting('tree-sitter-bicep.wasm', [resolve(__dirname, '..', 'data', 'tree-sitter-bicep.wasm'), resolve(repo, 'server', 'data', 'tree-sitter-bicep.wasm')]),
    runtime: firstExisting('web-tree-sitter.wasm', [resolve(__dirname, 'web-tree-sitter.wasm'), resolve(repo, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm')]),
  };
}

/** The owner of the face's one Bicep parser: loaded on the first call, the same promise after. */
export class BicepLoader {
  private loading: Promise<BicepParser> | undefined;

  load(): Promise<BicepParser> {
    this.loading ??= (async () => {
      const paths = bicepWasmPaths();
      const { createBicepParser } = await import('../core/bicep/parser.js');
      return createBicepParser({ grammar: readFileSync(paths.grammar), runtime: readFileSync(paths.runtime) });
    })();
    return this.loading;
  }
}
