// The facade the faces (language server, CLI, tests) use: everything the product knows how to do
// with a document, over one catalog. Pure: no IO, no editor, no protocol.
import type { Catalog } from '../catalog/catalog';
import type { Plane } from '../catalog/permissions';
import { type AnalyzeOptions, analyze } from './analyze';
import { type Explanation, explainQuery } from './explain';
import { type HoverResult, hover } from './hover';
import { type RoleDocument, parseRoleDocument } from './role-document';
import type { Diagnostic } from './types';

export interface LanguageService {
  readonly catalog: Catalog;
  parse(text: string): RoleDocument;
  diagnostics(document: RoleDocument, options?: AnalyzeOptions): Diagnostic[];
  hover(document: RoleDocument, offset: number): HoverResult | undefined;
  explain(query: string, plane?: Plane): Explanation;
}

export function createLanguageService(catalog: Catalog): LanguageService {
  return {
    catalog,
    parse: parseRoleDocument,
    diagnostics: (document, options) => analyze(document, catalog, options),
    hover: (document, offset) => hover(document, catalog, offset),
    explain: (query, plane) => explainQuery(catalog, query, plane),
  };
}
