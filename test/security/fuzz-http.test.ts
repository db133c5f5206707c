import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoTerminals } from '../../src/modules/terminals/terminals.js';
import { createSession } from '../../src/platform/auth/sessions.js';
import { demoCardNumber } from '../../src/seed/demo-accounts.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { shelve, staffIdOf } from '../support/circulation.js';
import { testDatabaseKind } from '../support/database.js';

/**
 * Bad input to every endpoint of the OpenAPI document: random and boundary JSON shaped (or not)
 * by each route's own schema, random path parameters and query strings, injection strings,
 * huge and deep bodies, wrong content types and invalid UTF-8, as the network admin, a desk, a
 * member and nobody. Every answer is below 500, and every refusal a problem document that
 * quotes neither a stack trace nor SQL. FUZZ_RUNS (default 30) sets the random inputs per route.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
};

interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  pathParams: { name: string; schema: Schema }[];
  query: { name: string; schema: Schema }[];
  body: Schema | undefined;
  bodyType: string | undefined;
}

type Role = 'anonymous' | 'network' | 'desk' | 'member';

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const LEAKS =
  /\bat \S+ \(|node_modules|\.ts:\d+|\.js:\d+|select .* from|insert into|update \w+ set|syntax error at|relation "|violates|pg_|ECONN|stack/i;

const INJECTIONS = [
  "' OR '1'='1",
  "'; drop table members; --",
  '" or ""="',
  '1; select pg_sleep(5)',
  "' union select password_hash from staff --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection attempt
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '\u0000',
  '\\',
  '$where',
  '{"$gt": ""}',
  '__proto__',
  'constructor',
  '😀👩‍👩‍👧‍👦',
  '\u202e\u200b\ufeff',
  '\ud800',
  '한글 이름',
  'ＡＢＣ１２３',
  ' ',
  '',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x10',
  'null',
  'true',
  '2026-02-30',
  '0000-00-00',
  '9999-12-31',
  '2026-13-01',
  '29000000000015',
  '29000000000016',
  '290000000000150',
];

const NUMBERS = [
  0,
  -1,
  1,
  2,
  3,
  7,
  29,
  2_147_483_647,
  2_147_483_648,
  -2_147_483_649,
  9_007_199_254_740_991,
  Number('9007199254740993'),
  1e308,
  -1e308,
  0.5,
  -0.0001,
];

const text = (maxLength = 60) =>
  fc.oneof(
    fc.constantFrom(...INJECTIONS),
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.stringMatching(/^[0-9-]{1,20}$/),
    fc.constantFrom('x'.repeat(257), '가'.repeat(1000), 'A'.repeat(70_000)),
  );

const date = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 1850, max: 2100 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    )
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.constantFrom('2026-12-01', '2016-05-05', '1900-01-01', '2026-02-29', '2024-02-29'),
  text(12),
);

function resolver(document: { components?: { schemas?: Record<string, Schema> } }) {
  return (schema: Schema): Schema => {
    if (!schema.$ref) return schema;
    const name = schema.$ref.split('/').pop()!;
    return document.components?.schemas?.[name] ?? {};
  };
}

/** Values shaped by the schema (often valid, so that handlers run), with junk mixed in. */
function valueFor(
  schema: Schema,
  resolve: (s: Schema) => Schema,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  const junk = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.constantFrom(...NUMBERS),
    text(),
    fc.constant([]),
    fc.constant({}),
  );
  if (depth > 4) return junk;
  const shaped = ((): fc.Arbitrary<unknown> => {
    if (s.const !== undefined) return fc.constant(s.const);
    if (s.enum) return fc.constantFrom(...s.enum);
    const options = s.anyOf ?? s.oneOf;
    if (options) return fc.oneof(...options.map((o) => valueFor(o, resolve, depth + 1)));
    if (s.allOf?.[0]) return valueFor(s.allOf[0], resolve, depth + 1);
    const type = Array.isArray(s.type) ? s.type[0] : s.type;
    switch (type) {
      case 'string':
        if (s.format === 'date' || s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return date;
        if (s.pattern === '^\\d{4,6}$') return fc.oneof(fc.stringMatching(/^\d{4,6}$/), text(8));
        return fc.oneof(
          fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 80) }),
          text(s.maxLength ? s.maxLength + 2 : 60),
        );
      case 'integer':
      case 'number': {
        // Near the low end of the allowed range (a year from 2026 on, say), plus odd numbers.
        const min = Math.max(s.minimum ?? -5, -5);
        const max = Math.max(min, Math.min(s.maximum ?? min + 65, min + 65));
        return fc.oneof(fc.integer({ min, max }), fc.constantFrom(...NUMBERS));
      }
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return fc.array(valueFor(s.items ?? {}, resolve, depth + 1), { maxLength: 4 });
      case 'object': {
        const properties = Object.entries(s.properties ?? {});
        if (properties.length === 0)
          return fc.dictionary(fc.string({ maxLength: 8 }), junk, { maxKeys: 3 });
        const record = fc.record(
          Object.fromEntries(properties.map(([k, v]) => [k, valueFor(v, resolve, depth + 1)])),
          { requiredKeys: s.required ?? [] },
        );
        return fc.oneof(
          { weight: 4, arbitrary: record },
          {
            weight: 1,
            arbitrary: fc
              .tuple(record, fc.constantFrom('extra', '__proto__', 'constructor', '$where'), junk)
              .map(([r, k, v]) => ({ ...(r as object), [k]: v })),
          },
        );
      }
      default:
        return junk;
    }
  })();
  return fc.oneof({ weight: 5, arbitrary: shaped }, { weight: 1, arbitrary: junk });
}

function operationsOf(document: {
  paths: Record<string, Record<string, Record<string, unknown>>>;
}): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = (op.parameters ?? []) as { in: string; name: string; schema: Schema }[];
      const content = (op.requestBody as { content?: Record<string, { schema: Schema }> })?.content;
      const [bodyType, body] = content ? Object.entries(content)[0]! : [undefined, undefined];
      operations.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        pathParams: parameters.filter((p) => p.in === 'path'),
        query: parameters.filter((p) => p.in === 'query'),
        body: body?.schema,
        bodyType,
      });
    }
  }
  return operations;
}

/** Percent-encodes the UTF-8 bytes (a lone surrogate becomes U+FFFD, as a browser sends it). */
function encodeParam(value: unknown): string {
  const raw = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
  return [...Buffer.from(raw, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9._~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

describe(`bad input to every endpoint: only 4xx problem documents (${testDatabaseKind})`, () => {
  let t: TestApp;
  let operations: Operation[];
  let resolve: (s: Schema) => Schema;
  const sessions = {} as Record<Exclude<Role, 'anonymous'>, { cookie: string; csrf: string }>;
  let inputs = 0;
  const statusCounts: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp({ accounts: true });
    await seedDemoTerminals(t.db);
    await shelve(t, 'gyeongnamdaepyo-library', [{ barcode: 'FUZZ-1' }, { barcode: 'FUZZ-2' }]);
    const document = t.app.swagger() as never;
    operations = operationsOf(document);
    resolve = resolver(document);
  });
  afterAll(async () => {
    console.info(
      `fuzz (HTTP): ${inputs} inputs to ${operations?.length} operations; statuses ${JSON.stringify(statusCounts)}`,
    );
    await t?.close();
  });

  let demoMember: { member_id: number } | undefined;

  /** Fresh sessions (no password hashing), and the accounts put back as they were. */
  async function freshSessions() {
    await t.db
      .updateTable('staff')
      .set({ disabled: false, failed_sign_ins: 0, sign_in_locked_until: null })
      .execute();
    const now = t.clock.now();
    const idOf = (username: string) => staffIdOf(t, username);
    // Looked up once: a fuzzed withdrawal may erase the member, and with them the card.
    demoMember ??= await t.db
      .selectFrom('cards')
      .select('member_id')
      .where('number', '=', demoCardNumber(1))
      .executeTakeFirstOrThrow();
    const member = demoMember;
    const mint = async (kind: 'staff' | 'member', id: number) => {
      const session = await createSession(t.db, { kind, id }, now);
      return { cookie: `lo_session=${session.token}`, csrf: session.csrfToken };
    };
    sessions.network = await mint('staff', await idOf('network-admin'));
    sessions.desk = await mint('staff', await idOf('gyeongnamdaepyo-desk'));
    sessions.member = await mint('member', member.member_id);
  }

  /** The strings a request carried (its body, query and path values), at any depth. */
  function stringsOf(value: unknown, into: string[] = []): string[] {
    if (typeof value === 'string') into.push(value);
    else if (Array.isArray(value)) for (const v of value) stringsOf(v, into);
    else if (value && typeof value === 'object')
      for (const v of Object.values(value)) stringsOf(v, into);
    return into;
  }

  /**
   * A refusal may quote what the caller sent ("'…' is not an IP address"): that is the caller's
   * own text, not a leak, so it is taken out before looking for internals.
   */
  function withoutEcho(body: string, sent: unknown): string {
    let rest = body;
    for (const text of stringsOf(sent).filter((t) => t.length >= 4)) {
      for (const form of [text, JSON.stringify(text).slice(1, -1)])
        rest = rest.split(form).join('');
    }
    return rest;
  }

  function check(response: LightMyRequestResponse, what: string, sent?: unknown) {
    inputs++;
    const bucket = `${Math.floor(response.statusCode / 100)}xx`;
    statusCounts[bucket] = (statusCounts[bucket] ?? 0) + 1;
    expect(response.statusCode, `${what} → ${response.body.slice(0, 300)}`).toBeLessThan(500);
    if (response.statusCode >= 400) {
      expect(response.headers['content-type'], what).toContain('application/problem+json');
      const problem = response.json();
      expect(typeof problem.code, what).toBe('string');
      expect(problem.status, what).toBe(response.statusCode);
      expect(withoutEcho(response.body, sent), what).not.toMatch(LEAKS);
    }
  }

  function send(
    role: Role,
    method: string,
    url: string,
    payload?: string | Buffer,
    headers: Record<string, string> = {},
  ) {
    const session = role === 'anonymous' ? undefined : sessions[role];
    return t.app.inject({
      method: method as 'GET',
      url,
      ...(payload === undefined ? {} : { payload }),
      headers: {
        ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
        ...headers,
      },
      // A different address each time, so that the sign-in rate limit lets the handlers run.
      remoteAddress: `10.${inputs % 250}.${(inputs >> 8) % 250}.${1 + (inputs % 200)}`,
    });
  }

  // The fixed bodies first: the random writes below may leave library 1 or the accounts in a state
  // (a library edited, an account changed) that refuses them before their size is read.
  it('refuses huge, deep, malformed and mistyped bodies, and invalid UTF-8, with 4xx problems', async () => {
    await freshSessions();
    const writes = operations.filter((o) => o.method !== 'GET' && o.method !== 'DELETE');
    const urlOf = (op: Operation) => op.path.replace(/\{(\w+)\}/g, '1');
    const twoMegabytes = JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) });
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const deepObject = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    const invalidUtf8 = Buffer.concat([
      Buffer.from('{"name":"'),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]),
      Buffer.from('","itemBarcode":"'),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('"}'),
    ]);
    const bodies: { payload: string | Buffer; type: string; expect?: number }[] = [
      { payload: twoMegabytes, type: 'application/json', expect: 413 },
      { payload: deep, type: 'application/json' },
      { payload: deepObject, type: 'application/json' },
      { payload: invalidUtf8, type: 'application/json' },
      { payload: invalidUtf8, type: 'application/json; charset=latin1' },
      { payload: '{"itemBarcode": "X",}', type: 'application/json' },
      { payload: '{"__proto__": {"admin": true}}', type: 'application/json' },
      { payload: '{"constructor": {"prototype": {"admin": true}}}', type: 'application/json' },
      { payload: 'null', type: 'application/json' },
      { payload: '"just a string"', type: 'application/json' },
      { payload: '12345678901234567890123456789', type: 'application/json' },
      { payload: '{"a":1}', type: 'text/plain' }, // parsed as text: refused by the schema
      { payload: '<a>1</a>', type: 'application/xml', expect: 415 },
      { payload: 'itemBarcode=X', type: 'application/x-www-form-urlencoded', expect: 415 },
      {
        payload: '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--\r\n',
        type: 'multipart/form-data; boundary=b',
        expect: 415,
      },
      { payload: '{"a":1}', type: 'application/json-patch+json', expect: 415 },
      {
        payload: Buffer.from([0x1f, 0x8b, 0x08, 0x00]),
        type: 'application/octet-stream',
        expect: 415,
      },
    ];
    for (const op of writes) {
      if (op.bodyType === 'text/csv') continue; // its own parser: below
      for (const body of bodies) {
        for (const role of ['anonymous', 'network'] as const) {
          if (op.path === '/api/v1/sign-out' && role !== 'anonymous') continue;
          const response = await send(role, op.method, urlOf(op), body.payload, {
            'content-type': body.type,
          });
          const what = `${op.method} ${urlOf(op)} as ${role} with ${body.type} (${String(body.payload).slice(0, 30)}…)`;
          check(response, what);
          // A route without a body (sign-out, report lost …) may ignore whatever is sent.
          if (op.body) expect(response.statusCode, what).toBeGreaterThanOrEqual(400);
          // An anonymous write may be refused for its missing session before its body is read.
          if (body.expect && role === 'network')
            expect(response.statusCode, what).toBe(body.expect);
        }
      }
    }
    // The CSV import: its own content types and a 20 MB limit.
    const importUrl = '/api/v1/libraries/1/items/import';
    for (const [payload, type] of [
      [invalidUtf8, 'text/csv'],
      ['barcode,title\n"never closed', 'text/csv'],
      ['\u0000\u0001\u0002', 'text/csv'],
      ['{"a":1}', 'application/json'],
      ['barcode,title\nX,Y', 'text/plain'],
      ['00024nam  22000241  4500\u001e\u001d', 'application/marc'],
      ['\u0000\u001d\u001e99999', 'application/marc'],
      ['<collection><record><leader>', 'application/marcxml+xml'],
      ['<!DOCTYPE r [<!ENTITY a "aaaaaaaa">]><record>&a;&a;</record>', 'text/xml'],
      ['<x/>', 'application/xml'],
      [invalidUtf8, 'application/octet-stream'],
    ] as const) {
      check(
        await send('network', 'POST', importUrl, payload, { 'content-type': type }),
        `import ${type}`,
      );
    }
    const huge = await send('network', 'POST', importUrl, Buffer.alloc(21 * 1024 * 1024, 0x41), {
      'content-type': 'text/csv',
    });
    check(huge, 'import of 21 MB');
    expect(huge.statusCode).toBe(413);
  });

  it(
    'answers random and boundary input to every route with 2xx or a 4xx problem',
    async () => {
      expect(operations.length).toBeGreaterThan(50);
      const failures: string[] = [];
      for (const op of operations) {
        await freshSessions();
        const pathArbs = Object.fromEntries(
          op.pathParams.map((p) => [p.name, valueFor(p.schema, resolve)]),
        );
        const queryArb = fc.record(
          Object.fromEntries(op.query.map((q) => [q.name, valueFor(q.schema, resolve)])),
          { requiredKeys: [] },
        );
        const bodyArb = op.body
          ? fc.oneof(
              { weight: 6, arbitrary: valueFor(op.body, resolve) },
              { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
            )
          : fc.constant(undefined);
        const input = fc.record({
          role: fc.constantFrom<Role>('anonymous', 'network', 'desk', 'member'),
          params: fc.record(pathArbs),
          query: queryArb,
          extra: fc.option(fc.tuple(fc.constantFrom('x', 'q', 'limit', '$where'), text(20)), {
            nil: undefined,
          }),
          body: bodyArb,
          language: fc.constantFrom(undefined, 'en', 'ko', 'fr;q=0.9', '*', '한국어'),
        });
        const property = fc.asyncProperty(
          input,
          async ({ role, params, query, extra, body, language }) => {
            if (op.path === '/api/v1/sign-out' && role !== 'anonymous') role = 'anonymous';
            let url = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
              encodeParam((params as Record<string, unknown>)[name]),
            );
            const search = new URLSearchParams();
            for (const [k, v] of Object.entries(query as Record<string, unknown>)) {
              if (v !== undefined) search.append(k, typeof v === 'string' ? v : JSON.stringify(v));
            }
            if (extra) search.append(extra[0], extra[1]);
            if (search.size > 0) url += `?${search}`;
            const headers: Record<string, string> = language ? { 'accept-language': language } : {};
            let payload: string | undefined;
            if (op.bodyType && op.method !== 'GET' && op.method !== 'DELETE') {
              payload =
                op.bodyType === 'application/json'
                  ? (JSON.stringify(body) ?? 'null')
                  : // A file body: text as it is; a generated object as its JSON (String() of
                    // `{ toString: 0 }` throws in the test, not in the service).
                    typeof body === 'string'
                    ? body
                    : (JSON.stringify(body) ?? '');
              headers['content-type'] = op.bodyType;
            }
            const response = await send(role, op.method, url, payload, headers);
            check(response, `${op.method} ${url} as ${role}`, [body, query, params, extra]);
          },
        );
        // Every route is fuzzed even when one fails; each failure is reported, shrunk.
        const outcome = await fc.check(property, { numRuns: RUNS });
        if (outcome.failed) {
          failures.push(
            `${op.method} ${op.path}: ${fc.stringify(outcome.counterexample)} → ${String(outcome.errorInstance).slice(0, 400)}`,
          );
        }
      }
      expect(failures).toEqual([]);
    },
    Math.max(120_000, RUNS * 4_000),
  );

  it('survives odd URLs, methods and headers', async () => {
    await freshSessions();
    const urls = [
      '/api/v1/members/%00',
      '/api/v1/members/%E0%A4%A',
      '/api/v1/members/%ff%fe',
      '/api/v1/libraries/1/items/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      `/api/v1/cards/${'9'.repeat(5000)}`,
      `/api/v1/libraries?region=${'%'.repeat(10)}`,
      '/api/v1/libraries?q=%ZZ',
      '/api/v1/catalogue?q=%E0%A4%A',
      '/api/v1/catalogue?q=a&q=b&isbn=1&isbn=2',
      '/api/v1/libraries/1/../../../etc/passwd',
      '/api//v1//libraries',
      '/api/v1/libraries/1e2',
      '/api/v1/libraries/0x10',
      '/api/v1/libraries/-0',
      '/api/v1/members?phone[]=1&phone[]=2',
      '/api/v1/audit-events?limit=1e999',
      '/api/v1/statistics?from=2026-02-30&to=2025-01-01',
      '/api/v1/statistics?from=1900-01-01&to=2100-12-31',
    ];
    for (const url of urls) {
      for (const role of ['anonymous', 'network', 'desk', 'member'] as const) {
        check(await send(role, 'GET', url), `GET ${url} as ${role}`);
      }
    }
    for (const method of ['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']) {
      const response = await send('network', method, '/api/v1/checkouts');
      inputs++;
      expect(response.statusCode).toBeLessThan(500);
    }
    const odd: Record<string, string>[] = [
      { 'idempotency-key': 'ключ' },
      { 'idempotency-key': 'k'.repeat(201) },
      { 'idempotency-key': '' },
      { 'x-request-id': '<script>' },
      { 'x-csrf-token': 'x'.repeat(5000) },
      { cookie: `lo_session=${'A'.repeat(4000)}` },
      { cookie: 'lo_session=%%%%' },
      { 'accept-language': 'x'.repeat(5000) },
    ];
    for (const headers of odd) {
      const response = await send('anonymous', 'POST', '/api/v1/returns', '{"itemBarcode":"X"}', {
        'content-type': 'application/json',
        ...headers,
      });
      check(response, `POST /api/v1/returns with ${Object.keys(headers)[0]}`);
    }
  });
});
