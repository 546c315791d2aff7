import { getMetadataStorage } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * The request DTOs are described once, by their class-validator decorators. This fills the OpenAPI
 * document's component schemas from those same decorators, so the published contract cannot drift
 * from what the API actually validates.
 */
export function withValidationSchemas(document: OpenAPIObject): OpenAPIObject {
  const generated = validationMetadatasToSchemas({
    classValidatorMetadataStorage: getMetadataStorage(),
    refPointerPrefix: '#/components/schemas/',
  }) as Record<string, object>;
  const existing = document.components?.schemas ?? {};
  const schemas = Object.fromEntries(
    Object.entries(existing).map(([name, schema]) => [name, { ...schema, ...(generated[name] ?? {}) }]),
  );
  for (const [name, schema] of Object.entries(generated)) schemas[name] ??= schema;
  return { ...document, components: { ...document.components, schemas } };
}
