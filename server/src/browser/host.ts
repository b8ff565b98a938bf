// The language server's host in a browser's Web Worker (vscode.dev, github.dev): no Node IO. The
// catalog is bundled into the worker (deflated at build, inflated once here); the Bicep parser's
// WebAssembly and the workspace's files are asked of the client, which reads them through the
// editor (protocol.ts). User catalog files are a desktop feature: the bundled catalog answers.
import type { Connection } from 'vscode-languageserver';
import { Catalog, type CatalogData, type BicepParser, SKIPPED_FOLDERS, ROLE_FILE_EXTENSIONS, catalogSummary, decodeText } from '../core';
import { type HostInit, type ServerHost, relativeToFolderUris } from '../lsp/host';
import { BICEP_WASM_REQUEST, type BicepWasmFiles, FIND_FILES_REQUEST, type FindFilesParams, READ_FILE_REQUEST, type ReadFileParams } from '../protocol';

/** The bundled catalog, deflated: server/data/catalog.json compressed by scripts/build.mjs. */
import deflatedCatalog from '../../data/catalog.json.deflate';

/** The catalog's JSON, inflated (DecompressionStream: in every browser's workers, and in Node). */
export async function inflateCatalog(bytes: Uint8Array = deflatedCatalog): Promise<CatalogData> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return JSON.parse(await new Response(stream).text()) as CatalogData;
}

const INCLUDE = `**/*{${ROLE_FILE_EXTENSIONS.join(',')}}`;
const EXCLUDE = `**/{${SKIPPED_FOLDERS.join(',')}}/**`;

/** `init.rulesDoc`: the extension's docs/rules.md as the client knows it (the worker has no path of its own). */
export function browserHost(connection: Connection, init: HostInit): ServerHost {
  let catalog: Catalog | undefined;
  let bicep: Promise<BicepParser> | undefined;
  const bundled = () => {
    if (!catalog) throw new Error('the catalog is not inflated yet');
    return catalog;
  };
  const loadBicep = (): Promise<BicepParser> => {
    bicep ??= (async () => {
      const wasm = init.bicepWasm ?? await connection.sendRequest<BicepWasmFiles>(BICEP_WASM_REQUEST);
      init.bicepWasm = undefined; // not kept once compiled
      const { createBicepParser } = await import('../core/bicep/parser.js');
      return createBicepParser({ runtime: wasm.runtime, grammar: wasm.grammar });
    })();
    return bicep;
  };
  return {
    async ready() {
      // given the parser's WebAssembly (a Bicep file is open), it compiles while the catalog inflates
      if (init.bicepWasm) void loadBicep().catch(() => undefined);
      catalog ??= Catalog.fromData(await inflateCatalog());
    },
    bundledCatalog: bundled,
    catalog: () => ({ key: 'bundled', load: () => ({ catalog: bundled(), errors: [], summary: catalogSummary(bundled()) }) }),
    ruleDocs: () => {
      const doc = init.rulesDoc;
      return doc ? (ruleId) => `${doc}#${ruleId}` : undefined;
    },
    loadBicep,
    // the client serves the files of the workspace folders, whatever their scheme (vscode-vfs on
    // github.dev, vscode-remote, file); untitled documents are nowhere to read
    reads: (uri) => !uri.startsWith('untitled:'),
    findRoleFiles: (folder, { limit }) =>
      connection.sendRequest<string[]>(FIND_FILES_REQUEST, { folder, include: INCLUDE, exclude: EXCLUDE, limit } satisfies FindFilesParams),
    async readText(uri, maxSize) {
      const bytes = await connection.sendRequest<Uint8Array | null>(READ_FILE_REQUEST, { uri, maxSize } satisfies ReadFileParams);
      const read = bytes ? decodeText(bytes) : undefined;
      return read?.kind === 'text' ? read.text : undefined;
    },
    relativePath: relativeToFolderUris,
  };
}
