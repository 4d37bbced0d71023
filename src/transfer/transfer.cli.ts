import type { CommandModule } from '../cli/context.ts';
import { exportCommand } from './export.cli.ts';
import { importCommand } from './import.cli.ts';

/** `passerelle import` and `passerelle export`. */
export const transferCommands: CommandModule = (program, cli) => {
  importCommand(program, cli);
  exportCommand(program, cli);
};
