/**
 * Public entry of the transfer capability: import and export of records.
 *
 * @example
 *   import { runImport, startExport } from '../transfer/index.ts';
 *   const report = await runImport(store, actor, { file, format: 'ftm', dataset: 'bench', defaults });
 *   const out = await startExport(store, actor, { format: 'ftm', filters: { dataset: 'bench' } });
 */
export { getImport, runImport } from './import.service.ts';
export type { ImportFormat, ImportOptions, ImportProgress, ImportReport, RejectedRow } from './import.types.ts';
export type { ImportRow, ImportStatus } from './import.repository.ts';
export { startExport, EXPORT_FORMATS } from './export.service.ts';
export type { ExportFilters, ExportFormat, ExportOptions, ExportStream, ExportSummary } from './export.service.ts';
export { BUILT_IN_DEFAULTS, importDefaultsFrom, type ImportDefaults, type MetaSettings } from './transfer.meta.ts';
export { IMPORT_FORMATS, IMPORT_FORMAT_NAMES } from './formats/index.ts';
