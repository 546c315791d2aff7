import * as requests from '../../support/complaint-requests.js';

/** A JSON Schema as the OpenAPI document at /docs-json publishes the request DTOs. */
export interface Schema {
  type?: string;
  $ref?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

interface Operation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  'x-allowed-roles'?: string[];
}

/** One route as the published contract describes it. */
export interface DocumentedRoute {
  method: string;
  /** `/complaints/{id}/close` */
  template: string;
  pathParams: string[];
  /** The request body's schema name (ReceiveComplaintDto…); undefined: the route takes no body. */
  bodySchema?: string;
  allowedRoles?: string[];
}

/** Every route of a method in the running app's OpenAPI document: a new route is included by itself. */
export function documentedRoutes(document: OpenApiDocument, method: string): DocumentedRoute[] {
  return Object.entries(document.paths).flatMap(([template, operations]) => {
    const operation = operations[method];
    if (!operation) return [];
    const ref = operation.requestBody?.content['application/json']?.schema.$ref;
    return [
      {
        method: method.toUpperCase(),
        template,
        pathParams: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        bodySchema: ref?.split('/').pop(),
        allowedRoles: operation['x-allowed-roles'],
      },
    ];
  });
}

export function resolve(document: OpenApiDocument, schema: Schema): Schema {
  return schema.$ref ? document.components.schemas[schema.$ref.split('/').pop()!]! : schema;
}

/** Role names, most capable first: who a test calls a route as, among those it allows. */
const PREFERENCE = ['supervisor', 'admin', 'service', 'agent', 'auditor', 'analyst'];
const HELPERS = requests as unknown as Record<string, unknown>;

function isHeaders(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string');
}

/**
 * The request headers of a caller the route admits, from the callers test/support/complaint-requests
 * provides (a route that declares no roles is called as a supervisor). Undefined when none fits.
 */
export function callerFor(route: Pick<DocumentedRoute, 'allowedRoles'>): Record<string, string> | undefined {
  const allowed = route.allowedRoles ?? ['supervisor'];
  const role = PREFERENCE.find((name) => allowed.includes(name) && isHeaders(HELPERS[name]));
  return role === undefined ? undefined : (HELPERS[role] as Record<string, string>);
}
