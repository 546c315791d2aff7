/**
 * Every field a published event schema (current or older, still stored) marks as personal data is
 * one the store seals, and the customer reference that chooses the key is there in clear.
 */
import type { JsonSchema } from './event-schemas-builder.js';
import { publishedEventSchemas } from './event-schemas-published.js';
import { PERSONAL_DATA_LOCATIONS, personalDataLocationOf } from './event-catalog.js';

/** Dotted paths of the properties whose description starts with "Personal data". */
function personalPaths(schema: JsonSchema, prefix = ''): string[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(properties).flatMap(([name, property]) => {
    const path = `${prefix}${name}`;
    const own = String(property.description ?? '').startsWith('Personal data') ? [path] : [];
    return [...own, ...personalPaths(property, `${path}.`)];
  });
}

function propertyAt(schema: JsonSchema, path: string): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const name of path.split('.')) node = (node?.properties as Record<string, JsonSchema> | undefined)?.[name];
  return node;
}

const published = publishedEventSchemas().map(({ type, version, schema }) => ({
  type,
  version,
  data: (schema.properties as Record<string, JsonSchema>).data!,
}));

describe('personal data locations', () => {
  test.each(published)('$type v$version seals exactly the fields its schema marks as personal data', (event) => {
    const marked = personalPaths(event.data).sort();
    const sealed = [...(personalDataLocationOf(event.type, event.version)?.fields ?? [])].sort();
    expect(sealed).toEqual(marked);
  });

  test.each(published.filter((event) => personalDataLocationOf(event.type, event.version)))(
    '$type v$version keeps the customer reference in clear where the key is looked up',
    (event) => {
      const { customerIdPath } = personalDataLocationOf(event.type, event.version)!;
      expect(propertyAt(event.data, customerIdPath)).toMatchObject({ type: 'string' });
      expect(personalPaths(event.data)).not.toContain(customerIdPath);
    },
  );

  test('the customer contact details are personal data in every stored version of ComplaintReceived', () => {
    expect(PERSONAL_DATA_LOCATIONS.ComplaintReceived?.[1]?.fields).toEqual([
      'customerName',
      'customerEmail',
      'customerPhone',
    ]);
    expect(PERSONAL_DATA_LOCATIONS.ComplaintReceived?.[2]?.fields).toEqual([
      'customer.name',
      'customer.email',
      'customer.phone',
    ]);
  });

  test('a type that is not a complaint event, or a version nobody stored, has no personal data', () => {
    expect(personalDataLocationOf('CustomerForgotten', 1)).toBeUndefined();
    expect(personalDataLocationOf('ComplaintReceived', 99)).toBeUndefined();
    expect(personalDataLocationOf('ComplaintAcknowledged', 1)).toBeUndefined();
  });
});
