import type { RouteModule } from '../server/context.ts';

// PLACEHOLDER (to be built by the auth/orgs helper).
export const orgsRoutes: RouteModule = () => undefined;
