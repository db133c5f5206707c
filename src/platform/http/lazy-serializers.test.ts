import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { lazySerializers } from './lazy-serializers.js';

async function appWith(response: Record<string, unknown>) {
  const serializers = lazySerializers();
  const app = Fastify({
    schemaController: { compilersFactory: { buildSerializer: serializers.buildSerializer } },
  });
  app.post('/member', { schema: { response: { 200: response } } }, async () => ({
    name: '이서연',
    passwordHash: '$argon2id$…',
  }));
  await app.ready();
  return { app, compileAll: serializers.compileAll };
}

describe('response serializers compiled at their first answer', () => {
  it('answers through the schema: a field the schema does not name is not sent', async () => {
    const { app, compileAll } = await appWith({
      type: 'object',
      properties: { name: { type: 'string' } },
    });
    const answer = await app.inject({ method: 'POST', url: '/member' });
    expect(answer.json()).toEqual({ name: '이서연' });
    expect(compileAll(), 'compiled by the answer, none left').toBe(0);
    await app.close();
  });

  it('leaves a schema that cannot be compiled to compileAll, which throws', async () => {
    const { app, compileAll } = await appWith({
      type: 'object',
      properties: { name: { $ref: 'NoSuchSchema#' } },
    });
    expect(() => compileAll()).toThrow(/NoSuchSchema/);
    await app.close();
  });
});
