/**
 * Portal traffic through the HTTP API: members signing in (an Argon2id verification each),
 * reading their loans and searching the catalogue, then signing out, as web/src/portal does. Each
 * simulated member comes from an address of its own (X-Forwarded-For, believed from the bench's
 * loopback via TRUST_PROXY), as members at home do, so that the per-address sign-in limit applies
 * to each of them and not to the bench. A visit counts when all its requests succeeded.
 */
import { bookTitle } from '../../src/seed/generate/korean.js';
import { Rng } from '../../src/seed/generate/random.js';
import { BENCH_PASSWORD } from '../generate/network.js';
import { HttpClient, type HttpResult, problemCode } from './http-client.js';
import type { Worker } from './pools.js';
import { type PhaseClock, type PhaseSummary, phaseWindow, Recorder } from './stats.js';

export interface PortalLoadOptions extends PhaseClock {
  baseUrl: string;
  workers: Worker[];
}

export async function runPortalLoad(options: PortalLoadOptions): Promise<PhaseSummary> {
  const client = new HttpClient(options.baseUrl, options.workers.length);
  const { start, end } = phaseWindow(options);
  const recorder = new Recorder(start, end);
  try {
    await Promise.all(
      options.workers.map(async (worker) => {
        const rng = new Rng(worker.index, 47);
        let cycle = 0;
        while (performance.now() < end) {
          const borrower = worker.borrowers[cycle % worker.borrowers.length]!;
          cycle += 1;
          // One address per member visit: 10.<worker>.<visit>.
          const address = `10.${worker.index % 250}.${Math.floor(cycle / 250) % 250}.${cycle % 250}`;
          let headers: Record<string, string> = { 'x-forwarded-for': address };
          const timed = async (op: string, method: string, path: string, body?: unknown) => {
            const started = performance.now();
            let result: HttpResult;
            try {
              result = await client.request(
                method,
                path,
                headers,
                body === undefined ? undefined : JSON.stringify(body),
              );
            } catch (error) {
              recorder.request(op, started, performance.now(), (error as Error).message);
              return undefined;
            }
            const ok = result.status >= 200 && result.status < 300;
            recorder.request(op, started, performance.now(), ok ? undefined : problemCode(result));
            return ok ? result : undefined;
          };
          const signedIn = await timed('sign-in', 'POST', '/api/v1/members/sign-in', {
            login: borrower.card,
            password: BENCH_PASSWORD,
          });
          if (!signedIn) continue;
          const cookie = signedIn.setCookie
            ?.map((c) => c.split(';')[0]!)
            .find((c) => c.startsWith('lo_session='));
          const { csrfToken } = JSON.parse(signedIn.body) as { csrfToken?: string };
          if (!cookie || !csrfToken) continue;
          headers = { ...headers, cookie, 'x-csrf-token': csrfToken };
          const loans = await timed('loans', 'GET', '/api/v1/me/loans');
          // A word of the title the search accepts (two characters at least).
          const { title } = bookTitle(rng);
          const word = title.split(' ').find((w) => [...w].length >= 2) ?? title;
          const search = await timed(
            'search',
            'GET',
            `/api/v1/catalogue?q=${encodeURIComponent(word)}`,
          );
          const out = await timed('sign-out', 'POST', '/api/v1/sign-out');
          if (loans && search && out) recorder.pair(performance.now());
        }
      }),
    );
  } finally {
    client.close();
  }
  return recorder.summary();
}
