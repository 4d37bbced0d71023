import type { RouteModule } from '../server/context.ts';

// PLACEHOLDER (to be built by the transfer helper).
export const transferRoutes: RouteModule = () => undefined;
