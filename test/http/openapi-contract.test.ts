import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiDocument, apiTypes, withRoutesOnly } from '../../scripts/openapi-document.js';
import { compileUnusedSerializers } from '../../src/platform/http/server.js';

type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
};

describe('the OpenAPI contract shared with the web app', () => {
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
