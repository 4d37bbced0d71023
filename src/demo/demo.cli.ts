import type { CommandModule } from '../cli/context.ts';

// PLACEHOLDER (to be built by the demo helper).
export const demoCommands: CommandModule = () => undefined;
