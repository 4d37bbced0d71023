import fs from 'node:fs';
import { once } from 'node:events';
import { Option, type Command } from 'commander';
import { EXIT, withStore, type CliContext } from '../cli/context.ts';
import { CRIME_AREAS } from '../kernel/records/record-meta.ts';
import { EXPORT_FORMATS, startExport, type ExportFormat } from './export.service.ts';
import { consoleActor } from './transfer.console.ts';

interface ExportFlags {
  format: ExportFormat;
  schema?: string;
  dataset?: string;
  crimeArea?: string;
  owner?: string;
  country?: string;
  status: 'active' | 'cancelled' | 'any';
  asOrg: string;
  output?: string;
}

const HELP = `
Only records the organisation of --as-org may read are exported (the same access rule as
everywhere): its own, the hub's view for the hub, and others' as their restrictions allow.
FtM lines keep owner, restriction, handling code and note, evaluation codes and review date
in a "passerelle" key, so \`passerelle import --format ftm\` loads them back as they were.
Each export is recorded in the audit trail.

Examples:
  passerelle export --dataset opensanctions --output sanctions.ftm.json
  passerelle export --format csv --schema Person --as-org ncb-fr > persons.csv`;

export function exportCommand(program: Command, cli: CliContext): void {
  program
    .command('export')
    .description('Export records as FollowTheMoney JSON lines or CSV (one schema), to a file or stdout')
    .addOption(new Option('--format <format>', 'ftm (JSON lines) or csv').choices(EXPORT_FORMATS).default('ftm'))
    .option('--schema <schema>', 'only this record type (and those extending it); required for csv')
    .option('--dataset <name>', 'only this dataset')
    .addOption(new Option('--crime-area <area>', 'only this crime area').choices(CRIME_AREAS))
    .option('--owner <org>', 'only records owned by this organisation')
    .option('--country <code>', 'only records about this country (ISO code)')
    .addOption(new Option('--status <status>', 'active, cancelled or any').choices(['active', 'cancelled', 'any']).default('active'))
    .option('--as-org <org>', 'read exactly what this organisation may read', 'hub')
    .option('--output <file>', 'write to this file instead of stdout')
    .addHelpText('after', HELP)
    .action(async (flags: ExportFlags) => {
      await withStore(cli, async (store) => {
        const actor = await consoleActor(cli, store, flags.asOrg, '--as-org');
        const filters = { schema: flags.schema, dataset: flags.dataset, crimeArea: flags.crimeArea, ownerOrg: flags.owner, country: flags.country, status: flags.status };
        const exported = await startExport(store, actor, { format: flags.format, filters });
        const file = flags.output ? fs.createWriteStream(flags.output) : undefined;
        for await (const chunk of exported.chunks) {
          if (!file) cli.out(chunk.replace(/\n$/, ''));
          else if (!file.write(chunk)) await once(file, 'drain');
        }
        if (file) {
          file.end();
          await once(file, 'close');
        }
        const { count } = await exported.done;
        cli.err(`exported ${count} record(s)${flags.output ? ` to ${flags.output}` : ''}`);
      });
      // main() returns process.exitCode: set it, whatever an earlier command left there.
      process.exitCode = EXIT.ok;
    });
}
