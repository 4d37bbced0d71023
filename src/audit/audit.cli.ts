import { systemActor } from '../kernel/access/actor.ts';
import { appendAudit } from '../kernel/audit/audit.ts';
import { verifyAuditChain } from '../kernel/audit/verify.ts';
import { EXIT, withStore, type CommandModule } from '../cli/context.ts';

export const auditCommands: CommandModule = (program, cli) => {
  const audit = program.command('audit').description('The tamper-evident audit trail');
  audit
    .command('verify')
    .description('Recompute the hash chain and report any edited, deleted or truncated entry (exit 3 if any)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const result = await withStore(cli, async (store) => {
        const verification = await verifyAuditChain(store, (seq) => {
          if (cli.interactive) process.stderr.write(`\rverified ${seq} entries`);
        });
        if (cli.interactive) process.stderr.write('\n');
        await store.transaction((tx) => appendAudit(tx, systemActor('hub'), { action: 'audit.verify', details: { ok: verification.ok, entries: verification.entries, via: 'cli' } }));
        return verification;
      });
      if (options.json) cli.out(JSON.stringify(result));
      else if (result.ok) cli.out(`Audit trail intact: ${result.entries} entries, chain verified to entry ${result.headSeq}.`);
      else {
        cli.out(`Audit trail TAMPERED: ${result.problems.length} problem(s) in ${result.entries} entries.`);
        for (const p of result.problems) cli.out(`  entry ${p.seq}: ${p.kind}: ${p.message}`);
      }
      process.exitCode = result.ok ? EXIT.ok : EXIT.problemsFound;
    });
};
