import type { CommandModule } from '../cli/context.ts';
import { totpCode } from './totp.ts';

/**
 * `passerelle totp SECRET` prints the current code for a secret, as an authenticator app
 * would: for scripts and the README's examples with the demo users. Whoever holds a secret
 * can compute its codes anyway, so this reveals nothing new.
 */
export const authCommands: CommandModule = (program, cli) => {
  program
    .command('totp')
    .description('Print the current six-digit sign-in code for a TOTP secret (like an authenticator app)')
    .argument('<secret>', 'the base32 secret (the demo users’ secrets are printed by `passerelle demo`)')
    .action((secret: string) => {
      if (!/^[A-Z2-7]+=*$/i.test(secret)) throw new Error('The secret must be base32 (letters A–Z and digits 2–7).');
      cli.out(totpCode(secret.toUpperCase()));
    });
};
