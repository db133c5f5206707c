/**
 * Builds the web app into web/dist when its sources changed since the last build (or with
 * `--force`). `npm start` and `npm test` run it first, so a fresh clone serves and tests the
 * current web app; an unchanged one costs a hash of the sources, well under a second.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const webDir = fileURLToPath(new URL('..', import.meta.url));
const repoDir = path.dirname(webDir);
const distDir = path.join(webDir, 'dist');
const stampFile = path.join(distDir, '.source-hash');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** A hash of everything the build reads: sources, page, config and the installed versions. */
export function sourceHash(): string {
  const files = [
    ...filesUnder(path.join(webDir, 'src')),
    ...filesUnder(path.join(webDir, 'public')),
    path.join(webDir, 'index.html'),
    path.join(webDir, 'vite.config.ts'),
    // This script too: how it builds (precompression) is part of what it builds.
    fileURLToPath(import.meta.url),
    path.join(repoDir, 'package-lock.json'),
  ]
    .filter((file) => existsSync(file))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(repoDir, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function isBuildCurrent(hash = sourceHash()): boolean {
  return (
    existsSync(path.join(distDir, 'index.html')) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, 'utf8').trim() === hash
  );
}

/** Text files worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|webmanifest)$/;

/**
 * Writes a `.br` and a `.gz` beside every text file of the build (once, at the highest levels),
 * which the service sends to browsers that accept them (@fastify/static `preCompressed`): a
 * phone on a slow network downloads a quarter of the bytes and the server compresses nothing
 * per request.
 */
function precompress(dir: string) {
  for (const file of filesUnder(dir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const content = readFileSync(file);
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(content, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        },
      }),
    );
    writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
  }
}

/** Builds beside web/dist and swaps it in, so a running server never sees half a build. */
export async function buildWebApp(options: { force?: boolean } = {}): Promise<'built' | 'current'> {
  const hash = sourceHash();
  if (!options.force && isBuildCurrent(hash)) return 'current';
  // Always React's production build: started from a test runner (NODE_ENV=test) Vite would
  // otherwise bundle the development build, half again as large and slower.
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  const staging = path.join(webDir, `dist.${process.pid}.tmp`);
  rmSync(staging, { recursive: true, force: true });
  await build({
    configFile: path.join(webDir, 'vite.config.ts'),
    build: { outDir: staging, emptyOutDir: true },
  });
  precompress(staging);
  writeFileSync(path.join(staging, '.source-hash'), `${hash}\n`);
  const old = path.join(webDir, `dist.${process.pid}.old`);
  if (existsSync(distDir)) renameSync(distDir, old);
  renameSync(staging, distDir);
  rmSync(old, { recursive: true, force: true });
  return 'built';
}

/**
 * `--force` builds even when nothing changed; `--if-possible` (npm start) only warns when the
 * build fails, so the API still starts (with the last build, or without the web app).
 */
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  try {
    const outcome = await buildWebApp({ force: process.argv.includes('--force') });
    console.log(
      outcome === 'built'
        ? `Web app built into web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s.`
        : 'Web app is up to date (web/dist).',
    );
  } catch (error) {
    if (!process.argv.includes('--if-possible')) throw error;
    console.warn(
      `library-one: the web app could not be built (${(error as Error).message}); ` +
        (existsSync(path.join(distDir, 'index.html'))
          ? 'serving the previous build.'
          : 'serving the API only.'),
    );
  }
}
