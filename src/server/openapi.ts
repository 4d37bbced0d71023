import type { SwaggerTransformObject } from '@fastify/swagger';
import { jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { App } from './context.ts';

/**
 * The shared components (`Problem`) in the document, without the input twins
 * fastify-type-provider-zod also emits for each (`ProblemInput`) that no route uses.
 */
export const transformDocument: SwaggerTransformObject = (input) => {
  const document = jsonSchemaTransformObject(input);
  const components = 'components' in document ? document.components : undefined;
  if (!components?.schemas) return document;
  const used = JSON.stringify(document.paths ?? {});
  components.schemas = Object.fromEntries(Object.entries(components.schemas).filter(([name]) => used.includes(`"#/components/schemas/${name}"`)));
  return document;
};

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
