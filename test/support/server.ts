import { LOCAL_SERVER_URL } from '../reliability/support.js';
import { testDatabaseUrl } from './database.js';

/**
 * Tests that need a PostgreSQL server even in embedded runs (several processes on one database,
 * the bench, pg_dump): the server of TEST_DATABASE_URL, else the machine's own at
 * 127.0.0.1:5432. test/support/global-setup.ts looks for it once; without one these tests skip
 * (a laptop with nothing but Node), and CI, which has one, refuses to run without it.
 */
export const serverUrl = testDatabaseUrl ?? LOCAL_SERVER_URL;
export const noServer = process.env.LIBRARY_ONE_NO_SERVER === '1';
