import { Option, type Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { EXIT, withStore, type CliContext } from '../cli/context.ts';
import { isAppError } from '../kernel/errors.ts';
import { CRIME_AREAS, HANDLING_CODES, SOURCE_RELIABILITY } from '../kernel/records/record-meta.ts';
import { IMPORT_FORMAT_NAMES, formatForFile, type ImportFormat } from './formats/index.ts';
import { runImport } from './import.service.ts';
import type { ImportProgress, ImportReport } from './import.types.ts';
import { consoleActor, usageError } from './transfer.console.ts';
import { BUILT_IN_DEFAULTS, importDefaultsFrom } from './transfer.meta.ts';

interface ImportFlags {
  format?: ImportFormat;
  dataset: string;
  mapping?: string;
  org: string;
  crimeArea: string;
  restriction: string;
  handling: string;
  handlingNote?: string;
  sourceReliability: string;
  infoReliability: string;
  purpose?: string;
  reviewDate?: string;
  atomic?: boolean;
  rejects?: string;
  batchSize?: string;
  strict?: boolean;
  json?: boolean;
}

const EXIT_INTERRUPTED = 130;
const SHOWN_REJECTS = 20;

const HELP = `
Bad lines do not stop an import: each is reported with its line number and reason
(invalid JSON, unknown schema, invalid value, missing id, record owned by another
organisation…), counted, and written to --rejects FILE if given; the good lines are kept.
With --atomic the import is all or nothing: one transaction, rolled back at the first bad
line, which is named in the error.

Lines are written in batches, each committed with the import's progress: an import killed
half-way keeps whole batches only. Ctrl-C finishes the current batch and stops. Running the
same import again is safe: ids derive from (dataset, id in the file), so records already
there come back unchanged and changed ones are updated (the previous version is kept).

FtM lines may carry their own metadata in a "passerelle" key (as \`passerelle export\`
writes it); a CSV mapping may set "defaults". Both take precedence over these options.
Properties a schema does not have are dropped and counted (rejected with --strict).

Exit codes: 0 all lines imported, 3 some lines rejected, 1 failure (nothing or not all
written: see the message), 2 usage error (options, mapping, file), 130 interrupted.

Examples:
  passerelle import sanctions.ftm.json --dataset opensanctions --crime-area terrorism --source-reliability A --info-reliability 1
  passerelle import wanted.csv --mapping wanted.yml --dataset wanted-fr --org ncb-fr --handling H2 --rejects rejects.jsonl
  passerelle import sdn.csv --format ofac-sdn --dataset ofac --crime-area terrorism --source-reliability A
  passerelle import consolidated.xml --format un-sc --dataset un-sc --crime-area terrorism --source-reliability A`;

export function importCommand(program: Command, cli: CliContext): void {
  program
    .command('import')
    .description('Import records from FollowTheMoney JSON lines, a mapped CSV file, the OFAC SDN list or the UN SC list')
    .argument('<file>', 'the file to import')
    .addOption(new Option('--format <format>', 'file format: ftm, csv, ofac-sdn (OFAC sdn.csv), un-sc (UN SC consolidated XML) (default: from the extension: .json/.jsonl/.ndjson → ftm, .csv → csv, .xml → un-sc)').choices(IMPORT_FORMAT_NAMES))
    .requiredOption('--dataset <name>', 'dataset the records belong to (with the ids in the file, it makes the record ids)')
    .option('--mapping <file>', 'CSV: the column mapping (YAML or JSON)')
    .option('--org <org>', 'organisation importing and owning the records', 'hub')
    .addOption(new Option('--crime-area <area>', 'crime area').choices(CRIME_AREAS).default(BUILT_IN_DEFAULTS.crimeArea))
    .option('--restriction <who>', 'who may read: everyone | owner_and_hub | only_listed:org1,org2 | all_except:org1', BUILT_IN_DEFAULTS.restriction.mode)
    .addOption(new Option('--handling <code>', 'handling code (H3 needs --handling-note)').choices(HANDLING_CODES).default(BUILT_IN_DEFAULTS.handling.code))
    .option('--handling-note <text>', 'the handling restriction, written out')
    .addOption(new Option('--source-reliability <code>', 'source reliability').choices(SOURCE_RELIABILITY).default(BUILT_IN_DEFAULTS.evaluation.source))
    .addOption(new Option('--info-reliability <n>', 'information reliability, 1 confirmed … 4 doubtful').choices(['1', '2', '3', '4']).default(String(BUILT_IN_DEFAULTS.evaluation.information)))
    .option('--purpose <text>', 'why the records are held')
    .option('--review-date <YYYY-MM-DD>', 'when the records are due for review (default: $PASSERELLE_DEFAULT_REVIEW_YEARS, 5, years from today)')
    .option('--atomic', 'all or nothing: roll everything back at the first bad line')
    .option('--rejects <file>', 'write rejected lines there, as JSON lines {line, reason, source}')
    .option('--batch-size <n>', 'records per transaction (default 2000)')
    .option('--strict', 'reject lines with properties their schema does not have, instead of dropping them')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', HELP)
    .action(async (file: string, flags: ImportFlags) => {
      process.exitCode = await importAction(cli, file, flags);
    });
}

async function importAction(cli: CliContext, file: string, flags: ImportFlags): Promise<number> {
  const format = flags.format ?? formatForFile(file);
  if (!format) throw usageError(cli, `cannot tell the format of ${file} from its name: give --format ${IMPORT_FORMAT_NAMES.join('|')}`);
  const batchSize = flags.batchSize === undefined ? undefined : Number(flags.batchSize);
  const config = cli.config();
  const report = await withStore(cli, async (store) => {
    const actor = await consoleActor(cli, store, flags.org, '--org');
    const progress = progressReporter(cli);
    const stop = onInterrupt(cli);
    try {
      return await runImport(store, actor, {
        file,
        format,
        dataset: flags.dataset,
        mappingFile: flags.mapping,
        defaults: settingsDefaults(cli, flags),
        reviewYears: config.defaultReviewYears,
        atomic: flags.atomic,
        strict: flags.strict,
        batchSize,
        rejectsFile: flags.rejects,
        signal: stop.signal,
        onProgress: progress.update,
      });
    } catch (error) {
      throw asUsageError(cli, error);
    } finally {
      progress.stop();
      stop.dispose();
    }
  });
  if (flags.json) cli.out(JSON.stringify(report));
  else printReport(cli, report, flags.rejects);
  if (report.status === 'interrupted') return EXIT_INTERRUPTED;
  return report.rejected ? EXIT.problemsFound : EXIT.ok;
}

function settingsDefaults(cli: CliContext, flags: ImportFlags) {
  try {
    return importDefaultsFrom({ ...flags, handling: flags.handling });
  } catch (error) {
    throw asUsageError(cli, error);
  }
}

/** Problems with the settings, the mapping or the file, found before anything is written, are usage errors. */
function asUsageError(cli: CliContext, error: unknown): unknown {
  if (!isAppError(error) || error.code !== 'VALIDATION_FAILED' || error.details?.importId) return error;
  const problems = Array.isArray(error.details?.problems) ? (error.details.problems as { field: string; message: string }[]) : [];
  return usageError(cli, error.message, problems);
}

function onInterrupt(cli: CliContext): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const handler = () => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    cli.err('\nInterrupted: finishing the current batch (Ctrl-C again to stop at once; whole batches are kept either way)…');
    controller.abort();
  };
  process.on('SIGINT', handler);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', handler) };
}

const PLAIN_PROGRESS_EVERY_MS = 10_000;

/** A bar on an interactive stderr; otherwise a plain line after the first batch, then every 10 s. */
function progressReporter(cli: CliContext): { update: (p: ImportProgress) => void; stop: () => void } {
  const started = Date.now();
  const rate = (p: ImportProgress) => Math.round(((p.imported + p.updated + p.unchanged) * 1000) / Math.max(1, Date.now() - started));
  if (!cli.interactive) {
    let last = 0;
    return {
      update: (p) => {
        if (last && Date.now() - last < PLAIN_PROGRESS_EVERY_MS) return;
        last = Date.now();
        cli.err(`progress: line ${p.linesRead}, ${p.imported + p.updated + p.unchanged} records (${rate(p)}/s), ${p.rejected} rejected, import ${p.importId}`);
      },
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'importing [{bar}] {percentage}% | line {line} | {records} records | {rejected} rejected | {rate}/s',
    hideCursor: true,
  });
  let begun = false;
  return {
    update: (p) => {
      const payload = { line: p.linesRead, records: p.imported + p.updated + p.unchanged, rejected: p.rejected, rate: rate(p) };
      if (!begun) bar.start(Math.max(p.totalBytes, p.bytesRead, 1), 0, payload);
      begun = true;
      bar.update(Math.min(p.bytesRead, p.totalBytes || p.bytesRead), payload);
    },
    stop: () => begun && bar.stop(),
  };
}

function printReport(cli: CliContext, report: ImportReport, rejectsFile: string | undefined): void {
  const seconds = (report.durationMs / 1000).toFixed(1);
  cli.out(`imported ${report.imported}, updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejected} in ${seconds}s (${report.recordsPerSecond} records/s)`);
  if (report.status === 'interrupted') {
    cli.out(`Interrupted after line ${report.linesRead}: whole batches up to there are saved (import ${report.importId}).`);
    cli.out('To finish, run the same command again: records already imported come back unchanged.');
  }
  for (const r of report.rejects.slice(0, SHOWN_REJECTS)) cli.out(`  line ${r.line}: ${r.reason}`);
  const more = report.rejected - Math.min(report.rejected, SHOWN_REJECTS);
  if (more > 0) cli.out(`  … and ${more} more rejected line(s)${rejectsFile ? `: all are in ${rejectsFile}` : ' (list them all with --rejects FILE)'}`);
  const dropped = Object.entries(report.droppedProperties).sort(([, a], [, b]) => b - a);
  if (dropped.length) {
    const shown = dropped.slice(0, 10).map(([prop, n]) => `${prop} (${n})`).join(', ');
    cli.err(`warning: dropped properties the data model does not have: ${shown}${dropped.length > 10 ? `, and ${dropped.length - 10} more` : ''} (use --strict to reject such lines)`);
  }
}
