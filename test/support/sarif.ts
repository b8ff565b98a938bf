// The SARIF 2.1.0 schema (test/fixtures/sarif, with its source and licence) as a validator, offline.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { REPO } from './harness';

/** The schema's own errors for a document: none when it is valid SARIF 2.1.0. */
export type SarifCheck = (document: unknown) => string[];

export function sarifValidator(): SarifCheck {
  const schema = JSON.parse(readFileSync(join(REPO, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as { $schema: string };
  if (schema.$schema !== 'http://json-schema.org/draft-07/schema#') throw new Error(`the SARIF schema is ${schema.$schema}, not draft-07: use Ajv's build for it`);
  // Ajv's default build is draft-07. Strict, except that the schema's `anyOf` branches require
  // properties that the object around them declares, which strictRequired does not look at.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  // the schema's formats: uri, uri-reference, date-time
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (document) => (validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`));
}
