/**
 * Validates events against the published JSON Schemas with ajv (draft 2020-12, strict mode), for
 * the conformance specs and the e2e tests. Test support only: the build excludes this folder.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { JsonSchema } from '../complaint/event-schemas-builder.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export interface EventSchemaValidator {
  /** The problems of `value` against `schema`, empty when it conforms. */
  problems(schema: JsonSchema, value: unknown): string[];
}

export function createEventSchemaValidator(): EventSchemaValidator {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addFormat('uuid', UUID);
  ajv.addFormat('date-time', (value: string) => INSTANT.test(value) && !Number.isNaN(Date.parse(value)));
  /** By `$id` (the same contract may arrive as a fresh object each time), else by identity. */
  const compiled = new Map<unknown, ValidateFunction>();
  return {
    problems(schema, value) {
      const key = schema.$id ?? schema;
      let validate = compiled.get(key);
      if (!validate) {
        validate = ajv.compile(schema);
        compiled.set(key, validate);
      }
      if (validate(value)) return [];
      return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`.trim());
    },
  };
}
