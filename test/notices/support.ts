import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { addDays } from '../../src/platform/dates.js';
import type { TestApp } from '../support/app.js';
import { libraryIdOf } from '../support/circulation.js';

export interface ReceivedMail {
  raw: string;
  parsed: ParsedMail;
}

export interface MailServer {
  url: string;
  received: ReceivedMail[];
  /** The next `n` messages are cut off mid-message: the connection is dropped during DATA. */
  dropNext(n: number): void;
  /** The next `n` messages are refused with a temporary failure (451). */
  refuseNext(n: number): void;
  close(): Promise<void>;
}

/** A real SMTP server (smtp-server) in this process, on a free port, keeping what it receives. */
export async function startMailServer(): Promise<MailServer> {
  const received: ReceivedMail[] = [];
  let drops = 0;
  let refusals = 0;
  const server: SMTPServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      if (drops > 0) {
        drops--;
        // Part of the message arrives, then the connection is gone.
        stream.once('data', () => {
          for (const connection of server.connections) connection._socket.destroy();
        });
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusals > 0) {
          refusals--;
          const error = Object.assign(new Error('try again later'), { responseCode: 451 });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            received.push({ raw: raw.toString('utf8'), parsed });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    dropNext: (n) => {
      drops = n;
    },
    refuseNext: (n) => {
      refusals = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let counter = 0;

/** A member straight in the database, active at a library, with the contact and channels given. */
export async function insertMember(
  t: TestApp,
  input: {
    name: string;
    library: string;
    email?: string | null;
    phone?: string | null;
    channels?: { email: boolean; sms: boolean; kakao: boolean; language?: 'ko' | 'en' };
    suspendedUntil?: string;
  },
): Promise<number> {
  counter++;
  const libraryId = await libraryIdOf(t, input.library);
  const { id } = await t.db
    .insertInto('members')
    .values({
      status: 'active',
      home_library_id: libraryId,
      name: input.name,
      birth_date: '1990-01-01',
      phone: input.phone ?? null,
      email: input.email ?? null,
      identity_key: `notice-test-${process.pid}-${counter}`,
      registered_at: t.clock.now(),
      consent_given_on: t.clock.today(),
      suspended_until: input.suspendedUntil ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.channels) {
    await t.db
      .insertInto('member_notice_preferences')
      .values({
        member_id: id,
        email: input.channels.email,
        sms: input.channels.sms,
        kakao: input.channels.kakao,
        language: input.channels.language ?? 'ko',
        updated_at: t.clock.now(),
      })
      .execute();
  }
  return id;
}

/** An open loan of a new copy at a library, with the due date given. */
export async function insertLoan(
  t: TestApp,
  input: { memberId: number; library: string; title: string; dueDate: string; barcode: string },
): Promise<number> {
  const libraryId = await libraryIdOf(t, input.library);
  const record = await t.db
    .insertInto('bib_records')
    .values({
      title: input.title,
      work_key: `work:${input.title}`,
      search_tokens: [],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const item = await t.db
    .insertInto('items')
    .values({ library_id: libraryId, record_id: record.id, barcode: input.barcode })
    .returning('id')
    .executeTakeFirstOrThrow();
  const loan = await t.db
    .insertInto('loans')
    .values({
      member_id: input.memberId,
      item_id: item.id,
      library_id: libraryId,
      loaned_at: new Date(`${addDays(input.dueDate, -14)}T11:00:00+09:00`),
      loan_day: addDays(input.dueDate, -14),
      due_date: input.dueDate,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return loan.id;
}
