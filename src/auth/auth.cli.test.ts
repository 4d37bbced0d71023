import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { matchingTimeStep, newTotpSecret } from './totp.ts';

describe('passerelle totp', () => {
  it('prints a code that sign-in accepts for that secret', async () => {
    const secret = newTotpSecret();
    const run = await runCli(['totp', secret], { PASSERELLE_DATA: '/tmp/unused' });
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^\d{6}$/);
    expect(matchingTimeStep(secret, run.out)).not.toBeNull();
  });

  it('refuses a secret that is not base32', async () => {
    const run = await runCli(['totp', 'not-base32!'], { PASSERELLE_DATA: '/tmp/unused' });
    expect(run.code).toBe(1);
    expect(run.err).toContain('base32');
  });
});
