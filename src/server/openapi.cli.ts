import fs from 'node:fs';
import path from 'node:path';
import type { CommandModule } from '../cli/context.ts';
import { PgliteStore } from '../kernel/store/pglite-store.ts';
import { buildApp } from './app.ts';
import { openApiDocument } from './openapi.ts';

export const openApiCommands: CommandModule = (program, cli) => {
  program
    .command('openapi')
    .description('Print the OpenAPI document (or write it with --output); CI checks the committed copy is current')
    .option('--output <file>', 'write to this file instead of stdout')
    .action(async (options: { output?: string }) => {
      // Routes need a store to be built, not to be described: an in-memory one is enough.
      const store = await PgliteStore.open(undefined);
      try {
        const app = await buildApp({ config: { ...cli.config(), logLevel: 'silent' }, store }, { logger: false });
        const document = await openApiDocument(app);
        await app.close();
        if (options.output) {
          fs.mkdirSync(path.dirname(options.output), { recursive: true });
          fs.writeFileSync(options.output, document);
          cli.out(`OpenAPI document written to ${options.output}`);
        } else process.stdout.write(document);
      } finally {
        await store.close();
      }
    });
};
