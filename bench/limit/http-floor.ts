/**
 * The machine's limit for an HTTP service, measured beside pgbench: a bare server
 * (`http-floor-server.ts`) whose every request runs pgbench's TPC-B writes, driven by the desks'
 * own HTTP client and clock. A checkout+return pair is two requests at least, so half the
 * floor's rate is the most any service of that round-trip shape could make on this machine —
 * with none of the framework, session, validation, rules, audit or idempotency the real one has.
 */
import { HttpClient } from '../load/http-client.js';
import { spawnChild } from '../load/service.js';
import { type PhaseClock, phaseWindow, Recorder } from '../load/stats.js';

export interface HttpFloorResult {
  /** Database round trips per request (the last one the writing statement). */
  trips: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** When requests failed: why the first one did, as the server said it. */
  firstError?: string;
}

export interface HttpFloorOptions extends PhaseClock {
  /** The pgbench database (`pgbench -i -s scale`). */
  databaseUrl: string;
  scale: number;
  clients: number;
  trips: number;
}

export async function measureHttpFloor(options: HttpFloorOptions): Promise<HttpFloorResult> {
  const server = await spawnChild<{ port: number }>({
    script: 'bench/limit/http-floor-server.ts',
    env: {
      FLOOR_DATABASE_URL: options.databaseUrl,
      FLOOR_SCALE: String(options.scale),
      FLOOR_CONNECTIONS: String(options.clients),
      FLOOR_TRIPS: String(options.trips),
    },
  });
  const client = new HttpClient(`http://127.0.0.1:${server.ready.port}`, options.clients);
  const window = phaseWindow(options);
  const recorder = new Recorder(window.start, window.end);
  try {
    const send = async () => {
      while (performance.now() < window.end) {
        const started = performance.now();
        const answer = await client.request('POST', '/transfer', {}, '{}');
        recorder.request(
          'transfer',
          started,
          performance.now(),
          answer.status === 200 ? undefined : String(answer.status),
        );
      }
    };
    await Promise.all(Array.from({ length: options.clients }, send));
  } finally {
    client.close();
    await server.stop();
  }
  const transfer = recorder.summary().ops.transfer;
  const errors = transfer?.errors ?? 0;
  return {
    trips: options.trips,
    requestsPerSecond: transfer?.perSecond ?? 0,
    p50Ms: transfer?.p50Ms ?? 0,
    p99Ms: transfer?.p99Ms ?? 0,
    errors,
    ...(errors > 0 ? { firstError: firstFailure(server.stderr()) } : {}),
  };
}

/** Why the server's first request failed: the one line it wrote to stderr. */
function firstFailure(stderr: string): string {
  return /^http floor: (.*)$/m.exec(stderr)?.[1] ?? 'the server said nothing';
}
