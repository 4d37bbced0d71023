import type { CommandModule } from '../cli/context.ts';

// PLACEHOLDER (to be built by the transfer helper).
export const transferCommands: CommandModule = () => undefined;
