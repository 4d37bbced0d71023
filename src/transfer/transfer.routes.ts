import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../kernel/config.ts';
import { requireActor } from '../server/auth-hook.ts';
import type { RouteModule } from '../server/context.ts';
import { startExport } from './export.service.ts';
import { IMPORT_FORMATS, IMPORT_FORMAT_NAMES, type ImportFormat } from './formats/index.ts';
import { getImport, runImport } from './import.service.ts';
import type { ImportOptions } from './import.types.ts';
import { exportQuery, importIdParams, importOutput, importQuery, importReportOutput } from './transfer.schema.ts';
import { importDefaultsFrom } from './transfer.meta.ts';

const tags = ['transfer'];
const UPLOAD_TYPES = [...new Set(IMPORT_FORMAT_NAMES.flatMap((f) => IMPORT_FORMATS[f].contentTypes))];

const formatOf = (contentType: string | undefined): ImportFormat | undefined => {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return IMPORT_FORMAT_NAMES.find((f) => IMPORT_FORMATS[f].contentTypes.includes(type));
};

/** The import of an upload: the body is the file, the query string everything else. */
function uploadOptions(query: z.infer<typeof importQuery>, body: Readable, headers: IncomingHttpHeaders, config: Config): ImportOptions {
  const { format, dataset, mapping, fileName, atomic, strict, batchSize, ...settings } = query;
  const length = Number(headers['content-length']);
  return {
    file: fileName ?? 'upload',
    input: body,
    totalBytes: Number.isFinite(length) ? length : 0,
    format: format ?? formatOf(headers['content-type']) ?? 'ftm',
    dataset,
    mapping,
    defaults: importDefaultsFrom(settings),
    reviewYears: config.defaultReviewYears,
    atomic,
    strict,
    batchSize,
  };
}

/**
 * Imports take the file as the raw request body (application/x-ndjson or text/csv),
 * streamed straight into the importer: uploads of any size, flat memory. A CSV mapping
 * comes as the `mapping` query parameter (JSON or YAML text).
 */
export const transferRoutes: RouteModule = async (app, ctx) => {
  await app.register(async (scope) => {
    // Scoped to this plugin: the body stays a stream instead of being read into memory.
    scope.addContentTypeParser(UPLOAD_TYPES, (_request, payload, done) => done(null, payload));
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.post('/api/imports', {
      schema: {
        tags,
        summary: 'Import a file sent as the request body (FtM JSON lines, CSV with a mapping, OFAC sdn.csv, UN SC XML)',
        description: `Content-Type: ${UPLOAD_TYPES.join(', ')}. Bad lines are reported, not fatal (unless atomic=true). Requires records:import.`,
        consumes: UPLOAD_TYPES,
        querystring: importQuery,
        body: z.unknown().describe('The file itself, streamed: FtM JSON lines (application/x-ndjson), CSV or OFAC sdn.csv (text/csv), UN SC list (application/xml)'),
        response: { 200: importReportOutput },
      },
    }, async (request) => runImport(ctx.store, requireActor(request), uploadOptions(request.query, request.body as Readable, request.headers, ctx.config)));
  });

  app.get('/api/imports/:id', {
    schema: { tags, summary: "An import's status and progress (your organisation's imports only)", params: importIdParams, response: { 200: importOutput } },
  }, async (request) => getImport(ctx.store, requireActor(request), request.params.id));

  app.get('/api/export', {
    schema: {
      tags,
      summary: 'Export the records you may read, streamed as FtM JSON lines or CSV (one schema)',
      description: 'Requires records:export. FtM lines carry owner, restriction, handling code and note, evaluation codes and review date in a "passerelle" key.',
      querystring: exportQuery,
      produces: ['application/x-ndjson', 'text/csv'],
      response: { 200: z.string().describe('The export file') },
    },
  }, async (request, reply) => {
    const { format, ...filters } = request.query;
    const exported = await startExport(ctx.store, requireActor(request), { format, filters });
    const body = Readable.from(exported.chunks, { objectMode: false });
    // The schema documents the body as text; Fastify pipes a stream as it is, never serialising it.
    return reply
      .header('content-disposition', `attachment; filename="${exported.fileName}"`)
      .type(exported.contentType)
      .send(body as unknown as string);
  });
};
