// Reads the bundled catalog from disk. The bundles live in server/out/, the data in server/data/;
// compiled sources (tests) live in out/server/src/node/, so both places are tried.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Catalog } from '../catalog/catalog';
import type { CatalogData } from '../catalog/catalog-data';

let cached: Catalog | undefined;

export function catalogPath(): string {
  const candidates = [
    resolve(__dirname, '..', 'data', 'catalog.json'),
    resolve(__dirname, '..', '..', '..', '..', 'server', 'data', 'catalog.json'),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`catalog.json not found (looked in ${candidates.join(', ')})`);
  return found;
}

export function loadCatalogData(path = catalogPath()): CatalogData {
  return JSON.parse(readFileSync(path, 'utf8')) as CatalogData;
}

/** The bundled catalog, loaded once per process. */
export function bundledCatalog(): Catalog {
  cached ??= Catalog.fromData(loadCatalogData());
  return cached;
}

/** Where the rule documentation ships, for codeDescription.href. */
export function rulesDocPath(): string | undefined {
  const candidates = [
    resolve(__dirname, '..', '..', 'docs', 'rules.md'),
    resolve(__dirname, '..', '..', '..', '..', 'docs', 'rules.md'),
  ];
  return candidates.find((p) => existsSync(p));
}

