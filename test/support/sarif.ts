// The SARIF 2.1.0 schema as a validator, offline: the schema JSON Schema Store serves at
// https://json.schemastore.org/sarif-2.1.0.json (the `$schema` our reports name, and the one
// GitHub code scanning validates an upload against), SARIF 2.1.0 rtm.5, as the npm package
// @microsoft/sarif-matcher-utils ships it (a devDependency; only its schema file is read).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/** The schema's own errors for a document: none when it is valid SARIF 2.1.0. */
export type SarifCheck = (document: unknown) => string[];

/** Where the schema is: in node_modules, as npm installed it. */
export const SARIF_SCHEMA = createRequire(__filename).resolve('@microsoft/sarif-matcher-utils/lib/schemas/sarif-2.1.0-rtm.5.json');

export function sarifValidator(): SarifCheck {
  const schema = JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')) as { $schema: string; title: string };
  if (schema.$schema !== 'http://json-schema.org/draft-04/schema#' || !/SARIF\) Version 2\.1\.0/.test(schema.title)) {
    throw new Error(`not the SARIF 2.1.0 draft-04 schema: ${schema.$schema}, ${schema.title}`);
  }
  // strict, except that the schema's `anyOf` branches require properties that the object around
  // them declares, which strictRequired does not look at; and its patterns are ECMA 262 without
  // the unicode flag (the `language` pattern ends in a lone `]`, an error with the flag)
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, unicodeRegExp: false });
  // the schema's formats: uri, uri-reference, date-time
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (document) => (validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`));
}
