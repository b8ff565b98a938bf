// The language server's host in a Node process: the bundled catalog and the user's catalog files
// from disk, the Bicep WebAssembly beside the bundles, the workspace's files (file: URIs) read
// directly.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { HostInit, ServerHost } from '../lsp/host';
import { findRoleFiles, readTextFile } from './files';
import { BicepLoader } from './load-bicep';
import { bundledCatalog, expandPath, loadCatalog, ruleDocsLink } from './load-catalog';
import { relativeToFolders } from './paths';

/** `importDir`: where the import commands keep the user's catalog files (the extension's global storage). */
export function nodeHost(init: HostInit): ServerHost {
  const bicep = new BicepLoader();
  const isFile = (uri: string) => uri.startsWith('file:');
  return {
    ready: () => Promise.resolve(),
    bundledCatalog,
    catalog(settings, folders) {
      const importDir = init.importDir;
      const base = folders.filter(isFile).map((f) => fileURLToPath(f))[0];
      const stored = (name: string) => (importDir && existsSync(join(importDir, name)) ? join(importDir, name) : undefined);
      const operationsFile = settings.catalog.operationsFile ? expandPath(settings.catalog.operationsFile, base) : stored('operations.json');
      const rolesFile = settings.catalog.rolesFile ? expandPath(settings.catalog.rolesFile, base) : stored('roles.json');
      const stamp = (f: string | undefined) => (f ? `${f}@${existsSync(f) ? statSync(f).mtimeMs : 'missing'}` : '');
      return {
        key: `${stamp(operationsFile)}|${stamp(rolesFile)}`,
        load: () => loadCatalog({ ...(operationsFile ? { operationsFile } : {}), ...(rolesFile ? { rolesFile } : {}) }),
      };
    },
    ruleDocs: ruleDocsLink,
    loadBicep: () => bicep.load(),
    reads: isFile,
    findRoleFiles: async (folder, options) => (await findRoleFiles(fileURLToPath(folder), options)).map((file) => pathToFileURL(file).href),
    async readText(uri, maxSize) {
      const read = await readTextFile(fileURLToPath(uri), maxSize).catch(() => undefined);
      return read?.kind === 'text' ? read.text : undefined;
    },
    relativePath: (uri, folders) => (isFile(uri) ? relativeToFolders(fileURLToPath(uri), folders.filter(isFile).map((f) => fileURLToPath(f))) : undefined),
  };
}
