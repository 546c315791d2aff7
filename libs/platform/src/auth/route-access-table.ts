import { Injectable, type OnModuleInit, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_METADATA, AGENT_SCOPE_METADATA, type AgentScope, type RouteAccess } from './access.decorators.js';

/** One route of the API and who may call it. */
export interface RouteEntry {
  method: string;
  /** As Fastify matches it: `/complaints/:id/close`. */
  path: string;
  /** `Controller.method`, to name the culprit when a declaration is missing. */
  handler: string;
  access: RouteAccess | undefined;
  agentScope: AgentScope | undefined;
}

/**
 * The API's route table, read from the controllers' own metadata, with each route's declared access.
 * At start-up it refuses to let the API run while any route declares none: deny by default is
 * only safe if a forgotten declaration cannot quietly become a reachable route.
 */
@Injectable()
export class RouteAccessTable implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const undeclared = this.routes().filter((route) => route.access === undefined);
    if (undeclared.length > 0) {
      const lines = undeclared.map((route) => `  ${route.method} ${route.path} (${route.handler})`);
      throw new Error(
        `Routes without an access declaration (add @Allow(...roles) or @Public() from libs/platform/src/auth):\n${lines.join('\n')}`,
      );
    }
  }

  routes(): RouteEntry[] {
    return this.discovery.getControllers().flatMap((wrapper) => {
      const controller = wrapper.metatype as Type | null;
      if (!controller || !wrapper.instance) return [];
      const prototype = Object.getPrototypeOf(wrapper.instance) as Record<string, unknown>;
      return this.scanner.getAllMethodNames(prototype).flatMap((name) => this.entriesOf(controller, prototype, name));
    });
  }

  private entriesOf(controller: Type, prototype: Record<string, unknown>, name: string): RouteEntry[] {
    const handler = prototype[name] as (...args: unknown[]) => unknown;
    const methodPaths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
    if (methodPaths === undefined) return [];
    const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
    const access = this.reflector.getAllAndOverride<RouteAccess>(ACCESS_METADATA, [handler, controller]);
    const agentScope = this.reflector.get<AgentScope>(AGENT_SCOPE_METADATA, handler);
    const controllerPaths = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
    return list(controllerPaths ?? '/').flatMap((base) =>
      list(methodPaths).map((path) => ({
        method,
        path: joinPath(base, path),
        handler: `${controller.name}.${name}`,
        access,
        agentScope,
      })),
    );
  }
}

function list(paths: string | string[]): string[] {
  return Array.isArray(paths) ? paths : [paths];
}

function joinPath(...parts: string[]): string {
  const joined = parts
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment.length > 0)
    .join('/');
  return `/${joined}`;
}
