import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiDocument, apiTypes, withRoutesOnly } from '../../scripts/openapi-document.js';
import { compileUnusedSerializers } from '../../src/platform/http/server.js';
import validation from '../../src/platform/i18n/validation.json' with { type: 'json' };

type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
};

type Schema = {
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};

/** Every property name a request body or query may carry, through $refs and unions. */
function inputFields(document: {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas?: Record<string, Schema> };
}): Set<string> {
  const names = new Set<string>();
  const seen = new Set<Schema>();
  const walk = (schema: Schema | undefined) => {
    if (!schema || seen.has(schema)) return;
    seen.add(schema);
    if (schema.$ref) return walk(document.components.schemas?.[schema.$ref.split('/').pop()!]);
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      names.add(name);
      walk(property);
    }
    for (const part of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
      walk(part);
    walk(schema.items);
  };
  for (const methods of Object.values(document.paths))
    for (const operation of Object.values(methods)) {
      const body = operation.requestBody as
        | { content?: Record<string, { schema?: Schema }> }
        | undefined;
      walk(body?.content?.['application/json']?.schema);
      for (const parameter of (operation.parameters ?? []) as { in: string; name: string }[])
        if (parameter.in === 'query') names.add(parameter.name);
    }
  return names;
}

describe('the OpenAPI contract shared with the web app', () => {
  it('names every field a request may send, in Korean and English, for refusals to say which', async () => {
    const fields = inputFields((await apiDocument()) as never);
    expect(fields.size).toBeGreaterThan(60);
    for (const language of ['ko', 'en'] as const) {
      const named = new Set(Object.keys(validation.fields[language]));
      expect(
        [...fields].filter((field) => !named.has(field)),
        language,
      ).toEqual([]);
    }
  });

  it('names every operation once, says what security it needs, and answers problems as RFC 9457', async () => {
    const document = (await apiDocument()) as {
      paths: Record<string, Record<string, Operation>>;
      components: { securitySchemes?: Record<string, unknown> };
      servers?: unknown[];
    };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        route: `${method} ${path}`,
        operation,
      })),
    );
    const ids = operations.map((o) => o.operation.operationId);
    expect(ids.filter((id) => !id)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(document.components.securitySchemes ?? {}).sort()).toEqual([
      'csrfToken',
      'sessionCookie',
    ]);
    expect(document.servers).toHaveLength(1);
    const incomplete = operations
      .filter(({ operation }) => {
        const responses = operation.responses ?? {};
        const refusals = Object.entries(responses).filter(([status]) => /^[45]/.test(status));
        return (
          operation.security === undefined ||
          !responses['400'] ||
          refusals.some(([, r]) => !r.content?.['application/problem+json'])
        );
      })
      .map((o) => o.route);
    expect(incomplete).toEqual([]);
  });

  it('has the web app types generated from the current routes (npm run openapi:types)', async () => {
    const committed = readFileSync(
      new URL('../../web/src/api/schema.gen.ts', import.meta.url),
      'utf8',
    );
    expect(
      committed === (await apiTypes(await apiDocument())),
      'web/src/api/schema.gen.ts is stale: run npm run openapi:types',
    ).toBe(true);
  });

  it('compiles every response schema of every route (each is compiled at its first answer)', async () => {
    await withRoutesOnly(async (app) => {
      expect(compileUnusedSerializers(app)).toBeGreaterThan(100);
      expect(compileUnusedSerializers(app)).toBe(0);
    });
  });
});
