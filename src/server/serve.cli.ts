import { ensureDemoData, formatDemoLogins } from '../demo/demo.ts';
import type { CommandModule } from '../cli/context.ts';
import { NameIndexSync } from '../kernel/index/index-sync.ts';
import { buildApp } from './app.ts';

export const serveCommands: CommandModule = (program, cli) => {
  program
    .command('serve')
    .description('Start the HTTP server: API, OpenAPI docs at /docs, web UI, /health and /metrics')
    .option('--demo', 'seed the demo dataset first if the database has no organisations')
    .option('--port <port>', 'port to listen on (default $PORT or 8080)')
    .option('--host <host>', 'address to listen on (default $HOST or 127.0.0.1)')
    .action(async (options: { demo?: boolean; port?: string; host?: string }) => {
      const config = cli.config();
      const store = await cli.openStore();
      if (options.demo) {
        const demo = await ensureDemoData(store, config, { log: (line) => cli.err(line) });
        cli.out(formatDemoLogins(demo));
      }
      // Structured JSON logs for machines; readable lines when a person watches the terminal.
      const logger = process.stdout.isTTY
        ? { level: config.logLevel, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } }
        : { level: config.logLevel };
      const nameIndex = new NameIndexSync(store, { shards: config.indexShards });
      const app = await buildApp({ config, store, nameIndex }, { logger });
      // Only the server builds the name index up front, in the background: other commands that
      // build the app (openapi) must not read every record for nothing.
      nameIndex.catchUp().catch((error: unknown) => app.log.error({ err: error }, 'name index build failed'));
      const port = options.port ? Number(options.port) : config.port;
      const host = options.host ?? config.host;
      const address = await app.listen({ port, host });
      cli.out(`Passerelle is running at ${address.replace('127.0.0.1', 'localhost')}`);
      cli.out(`  API documentation: ${address}/docs`);
      cli.out(`  Database: ${store.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL server ($DATABASE_URL)'}`);
      const stop = async (signal: string) => {
        cli.err(`\n${signal} received: closing…`);
        await app.close();
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
      // Keep the process alive until a signal arrives.
      await new Promise<never>(() => undefined);
    });
};
