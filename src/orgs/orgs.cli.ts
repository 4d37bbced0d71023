import type { CommandModule } from '../cli/context.ts';

// PLACEHOLDER (to be built by the auth/orgs helper).
export const orgsCommands: CommandModule = () => undefined;
