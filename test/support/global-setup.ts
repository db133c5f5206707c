import { createConnection } from 'node:net';

const LOCAL_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function reachable(url: URL, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: url.hostname, port: Number(url.port || 5432) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Once per run: is there a PostgreSQL server for the server-only tests? Without one they skip,
 * and this says so in one line; in CI (CI=true) that is a failure, not a skip.
 */
export default async function findServerOnce() {
  const url = new URL(process.env.TEST_DATABASE_URL || LOCAL_SERVER_URL);
  if (await reachable(url)) return;
  const where = `${url.hostname}:${url.port || 5432}`;
  if (process.env.CI === 'true') {
    throw new Error(`CI needs the PostgreSQL server at ${where} for the server-only tests`);
  }
  process.env.LIBRARY_ONE_NO_SERVER = '1';
  console.warn(
    `Skipping the server-only tests (bench, several processes, pg_dump): no PostgreSQL server answers at ${where}. Run them with a server there, or TEST_DATABASE_URL=postgres://user@host:port/db npm test.`,
  );
}
