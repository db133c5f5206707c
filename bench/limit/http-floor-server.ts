/**
 * The HTTP floor's server: node:http and node-postgres and nothing else — no framework, no
 * session, no validation, no rules. Every POST runs the writes of pgbench's TPC-B transaction
 * (three balance updates and a history insert) on the pgbench database, as one statement after
 * `FLOOR_TRIPS - 1` single-row reads, so that a request makes as many round trips as a keyed
 * checkout (session, standing, write: 3) or as few as a request can (1). It answers the
 * account's new balance as JSON. Prints `{"port": n}` once listening; SIGTERM stops it.
 */
import http from 'node:http';
import pg from 'pg';

const trips = Number(process.env.FLOOR_TRIPS ?? '3');
const scale = Number(process.env.FLOOR_SCALE ?? '1');
const pool = new pg.Pool({
  connectionString: process.env.FLOOR_DATABASE_URL,
  max: Number(process.env.FLOOR_CONNECTIONS ?? '10'),
});

const READ = {
  name: 'floor_read',
  text: 'select tbalance from pgbench_tellers where tid = $1',
};
const WRITE_TEXT = `
  with account as (
    update pgbench_accounts set abalance = abalance + $1 where aid = $2 returning abalance),
  teller as (update pgbench_tellers set tbalance = tbalance + $1 where tid = $3),
  branch as (update pgbench_branches set bbalance = bbalance + $1 where bid = $4),
  history as (
    insert into pgbench_history (tid, bid, aid, delta, mtime)
    values ($3, $4, $2, $1, current_timestamp))
  select abalance from account`;

const between = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1));

async function transfer(): Promise<{ balance: number }> {
  const aid = between(1, 100_000 * scale);
  const tid = between(1, 10 * scale);
  const bid = between(1, scale);
  const delta = between(-5000, 5000);
  const client = await pool.connect();
  try {
    for (let read = 1; read < trips; read++) await client.query({ ...READ, values: [tid] });
    const written = await client.query({
      name: 'floor_write',
      text: WRITE_TEXT,
      values: [delta, aid, tid, bid],
    });
    return { balance: Number(written.rows[0].abalance) };
  } finally {
    client.release();
  }
}

let failureSaid = false;
const server = http.createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    transfer().then(
      (answer) => {
        const body = JSON.stringify(answer);
        response.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        });
        response.end(body);
      },
      (error: Error) => {
        // Said once: the bench reports how many failed and why (a line per request would take
        // the CPU the floor measures).
        if (!failureSaid) process.stderr.write(`http floor: ${error.message}\n`);
        failureSaid = true;
        response.writeHead(500).end();
      },
    );
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});

process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void pool.end().then(() => process.exit(0));
});
