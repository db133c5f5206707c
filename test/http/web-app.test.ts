import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_APP_DIR } from '../../src/app.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDatabaseKind } from '../support/database.js';
import { ensureWebBuild } from '../web/support.js';

/** How the service sends the built web app to a phone (issue 17, point 6). */
describe(`the web app's static files (${testDatabaseKind})`, () => {
  let t: TestApp;
  let script: string;
  let encoder: string;
  beforeAll(async () => {
    ensureWebBuild();
    const assets = readdirSync(path.join(WEB_APP_DIR, 'assets'));
    script = assets.find((name) => /^index-.*\.js$/.test(name))!;
    encoder = assets.find((name) => /^barcode-svg-.*\.js$/.test(name))!;
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, encoding?: string) =>
    t.app.inject({ url, headers: encoding ? { 'accept-encoding': encoding } : {} });

  it('sends the build’s brotli or gzip copy to a browser that accepts it, the plain file otherwise', async () => {
    const original = readFileSync(path.join(WEB_APP_DIR, 'assets', script));
    const br = await get(`/assets/${script}`, 'gzip, deflate, br, zstd');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(original.length / 3);
    expect(brotliDecompressSync(br.rawPayload).equals(original)).toBe(true);

    const gzip = await get(`/assets/${script}`, 'gzip, deflate');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).equals(original)).toBe(true);

    const plain = await get(`/assets/${script}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(original)).toBe(true);

    // The copies have no address of their own.
    expect((await get(`/assets/${script}.br`)).statusCode).toBe(404);
    expect((await get('/index.html.gz')).statusCode).toBe(404);
  });

  it('caches hashed assets for a year and revalidates the page on every visit', async () => {
    for (const asset of [script, encoder]) {
      const response = await get(`/assets/${asset}`, 'br');
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    for (const page of ['/', '/portal/me/card', '/desk']) {
      const response = await get(page, 'gzip, deflate, br');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.headers['content-encoding']).toBe('br');
      expect(response.headers['cache-control']).toBe('no-cache');
      const html = brotliDecompressSync(response.rawPayload).toString('utf8');
      expect(html).toContain(script);
      // The barcode encoder is not part of the page: only a card page loads it.
      expect(html).not.toContain('barcode-svg');
    }
  });

  it('answers the session check with 200 when nobody is signed in, never cached', async () => {
    const response = await get('/api/v1/session');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ signedIn: false, kind: null });
    expect(response.headers['cache-control']).toBe('no-store');
  });
});
