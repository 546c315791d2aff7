import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AuthGuard } from './auth.guard.js';
import type { AuthSettings } from './auth-settings.js';
import { RouteAccessTable } from './route-access-table.js';
import { TokenVerifier } from './token-verifier.js';

/** Bearer-token authentication and the route access rules, applied to every route of the app. */
@Module({})
export class AuthModule {
  static forRoot(settings: AuthSettings): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: TokenVerifier, useValue: new TokenVerifier(settings) },
        RouteAccessTable,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TokenVerifier, RouteAccessTable],
    };
  }
}
