import { authRoutes } from '../auth/auth.routes.ts';
import { auditRoutes } from '../audit/audit.routes.ts';
import { inboxRoutes } from '../inbox/inbox.routes.ts';
import { modelRoutes } from '../model/model.routes.ts';
import { orgsRoutes } from '../orgs/orgs.routes.ts';
import { recordsRoutes } from '../records/records.routes.ts';
import { screeningRoutes } from '../screening/screening.routes.ts';
import { transferRoutes } from '../transfer/transfer.routes.ts';
import type { RouteModule } from './context.ts';

/** Every capability's routes, in the order they are registered. */
export const ROUTE_MODULES: RouteModule[] = [authRoutes, orgsRoutes, modelRoutes, recordsRoutes, transferRoutes, auditRoutes, inboxRoutes, screeningRoutes];
