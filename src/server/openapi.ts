import type { App } from './context.ts';

/** Recursively sorts object keys so the committed document diffs cleanly. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

/** The OpenAPI document as committed in openapi/passerelle.openapi.json. */
export async function openApiDocument(app: App): Promise<string> {
  await app.ready();
  return `${JSON.stringify(sortKeys(app.swagger()), null, 2)}\n`;
}
