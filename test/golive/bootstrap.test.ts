import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../support/database.js';
import { runToExit, startService } from '../support/process.js';
import { createEmptyDatabase, type EmptyDatabase, HttpSession } from './support.js';

/**
 * issue 15 "Done when": a real network from an empty database, without --demo. Each step prints
 * one line (`[golive] …`) so that the run reads as the operator's transcript.
 */
const step = (line: string) => console.log(`[golive] ${line}`);

/** A staff member signed in with a password someone else chose replaces it before anything else. */
async function choosesOwnPassword(session: HttpSession, given: string, chosen: string) {
  const before = await session.get('/api/v1/staff/me');
  expect(before.json.mustChangePassword).toBe(true);
  const changed = await session.post('/api/v1/staff/me/password', {
    currentPassword: given,
    newPassword: chosen,
  });
  expect(changed.status).toBe(200);
}

describe(`going live on an empty database, no demo (${testDatabaseKind})`, () => {
  let database: EmptyDatabase;
  beforeAll(async () => {
    database = await createEmptyDatabase();
  });
  afterAll(async () => database?.drop());

  it('init → one-time password → forced change → library admin → desk and terminal → a member borrows', async () => {
    const init = await runToExit(['init'], database.env);
    step(`$ library-one init\n${init.output.trim()}`);
    expect(init.code, init.output).toBe(0);
    expect(init.output).toContain('Set up 29 libraries in 12 regions');
    const oneTime = /One-time password \(shown only now\): (\S+)/.exec(init.output)![1]!;

    const again = await runToExit(['init'], database.env);
    expect(again.code).toBe(1);
    expect(again.output).toContain('init sets up an empty database only');

    const service = await startService(database.env, ['start']);
    try {
      expect(service.output()).not.toContain('Demo sign-ins');
      const libraries = (await (await fetch(`${service.httpUrl}/api/v1/libraries`)).json()) as {
        libraries: { id: number; code: string; status: string }[];
      };
      expect(libraries.libraries).toHaveLength(29);
      const yonam = libraries.libraries.find((l) => l.code === 'jinju-yonam-library')!;
      expect(yonam.status).toBe('planned');

      const network = new HttpSession(service.httpUrl);
      const signIn = await network.post('/api/v1/staff/sign-in', {
        username: 'network-admin',
        password: oneTime,
      });
      step(
        `network-admin signs in with the one-time password: ${signIn.status} mustChangePassword=${signIn.json.staff?.mustChangePassword}`,
      );
      expect(signIn.status).toBe(200);
      expect(signIn.json.staff.mustChangePassword).toBe(true);

      const tooEarly = await network.patch(`/api/v1/libraries/${yonam.id}`, {
        status: 'participating',
      });
      step(
        `before changing it, anything else is refused: ${tooEarly.status} ${tooEarly.json.code}`,
      );
      expect(tooEarly.status).toBe(403);
      expect(tooEarly.json.code).toBe('PASSWORD_CHANGE_REQUIRED');
      // The web app's pages and files still load: the page that asks for the new password opens.
      for (const page of ['/', '/admin', '/admin/password']) {
        const opened = await network.page(page);
        expect([opened.status, opened.type], page).toEqual([200, 'text/html; charset=utf-8']);
        const script = /src="(\/assets\/[^"]+\.js)"/.exec(opened.body)?.[1];
        expect((await network.page(script!)).status, script).toBe(200);
      }
      const kept = await network.post('/api/v1/staff/me/password', {
        currentPassword: oneTime,
        newPassword: oneTime,
      });
      step(
        `keeping the one-time password as the new one is refused: ${kept.status} ${kept.json.detail}`,
      );
      expect(kept.status).toBe(400);
      expect(kept.json.detail).toContain('지금 쓰는 비밀번호와 달라야 합니다');

      const changed = await network.post('/api/v1/staff/me/password', {
        currentPassword: oneTime,
        newPassword: 'network admin chose this',
      });
      step(`network-admin changes the password: ${changed.status}`);
      expect(changed.status).toBe(200);
      const me = await network.get('/api/v1/staff/me');
      expect(me.json.mustChangePassword).toBe(false);

      const opened = await network.patch(`/api/v1/libraries/${yonam.id}`, {
        status: 'participating',
      });
      step(`network-admin lets Jinju Yonam Library lend: ${opened.status} ${opened.json.status}`);
      expect(opened.status).toBe(200);

      const libraryAdmin = await network.post(`/api/v1/libraries/${yonam.id}/staff`, {
        username: 'yonam-admin',
        displayName: '연암 관리자',
        role: 'library_admin',
        password: 'yonam admin password',
      });
      step(`network-admin creates the library admin yonam-admin: ${libraryAdmin.status}`);
      expect(libraryAdmin.status).toBe(201);

      const admin = new HttpSession(service.httpUrl);
      expect(
        (
          await admin.post('/api/v1/staff/sign-in', {
            username: 'yonam-admin',
            password: 'yonam admin password',
          })
        ).status,
      ).toBe(200);
      await choosesOwnPassword(admin, 'yonam admin password', 'the yonam admin chose this');
      const desk = await admin.post(`/api/v1/libraries/${yonam.id}/staff`, {
        username: 'yonam-desk',
        displayName: '연암 안내데스크',
        role: 'desk',
        password: 'yonam desk password',
      });
      step(`yonam-admin creates the desk account yonam-desk: ${desk.status}`);
      expect(desk.status).toBe(201);
      const terminal = await admin.post(`/api/v1/libraries/${yonam.id}/terminals`, {
        username: 'yonam-sc1',
        password: 'yonam terminal password',
      });
      step(`yonam-admin creates the self-check terminal yonam-sc1: ${terminal.status}`);
      expect(terminal.status).toBe(201);
      const item = await admin.post(`/api/v1/libraries/${yonam.id}/items`, {
        barcode: 'YN-0001',
        title: '토지 1',
      });
      step(`yonam-admin shelves the book YN-0001: ${item.status}`);
      expect(item.status).toBe(201);

      const deskSession = new HttpSession(service.httpUrl);
      expect(
        (
          await deskSession.post('/api/v1/staff/sign-in', {
            username: 'yonam-desk',
            password: 'yonam desk password',
          })
        ).status,
      ).toBe(200);
      await choosesOwnPassword(deskSession, 'yonam desk password', 'the yonam desk chose this');
      const member = await deskSession.post('/api/v1/members', {
        name: '정하늘',
        birthDate: '1990-04-01',
        phone: '010-4100-0001',
        idDocumentType: 'resident_registration_card',
        password: 'member password',
        consent: true,
      });
      step(`yonam-desk registers a member: ${member.status} card ${member.json.card?.number}`);
      expect(member.status).toBe(201);
      const loan = await deskSession.post('/api/v1/checkouts', {
        cardNumber: member.json.card.number,
        itemBarcode: 'YN-0001',
      });
      step(`yonam-desk lends YN-0001: ${loan.status} due ${loan.json.loan?.dueDate}`);
      expect(loan.status).toBe(201);
    } finally {
      expect(await service.stop('SIGTERM')).toBe(0);
    }
  }, 240_000);

  it('init reports every bad row of a libraries CSV and writes nothing; libraries joining later are added with add-libraries: planned, in their region, once however often given', async () => {
    const file = path.join(tmpdir(), `libraries-${process.pid}.csv`);
    const header = 'english_name,korean_name,region_ko,region_en,address_ko,phone,closed_days';
    const haman = 'Haman Library,함안도서관,함안군,Haman-gun,,055-580-1234,Every Monday';
    const uiryeong = 'Uiryeong Library,의령도서관,의령군,Uiryeong-gun,,055-570-1234,Every Tuesday';
    const other = await createEmptyDatabase();
    try {
      writeFileSync(file, [header, uiryeong].join('\n'));
      const tooEarly = await runToExit(['add-libraries', file], other.env);
      expect([tooEarly.code, tooEarly.output.trim()]).toEqual([
        1,
        'library-one: this database has no network yet: set it up with `library-one init` (docs/deploy.md)',
      ]);
      writeFileSync(
        file,
        [
          header,
          haman,
          ',이름만,함안군,Haman-gun,,,',
          'Haman Library,함안도서관,함안군,Haman-gun,,,',
          'Uiryeong Library,의령도서관,,Uiryeong-gun,,not a phone,',
        ].join('\n'),
      );
      const result = await runToExit(['init', '--libraries', file], other.env);
      expect(result.code).toBe(1);
      expect(result.output).toContain('has 4 error(s); nothing was written');
      expect(result.output).toContain('line 3: english_name is empty');
      expect(result.output).toContain('line 4: library "Haman Library" is already on line 2');
      expect(result.output).toContain('line 5: region_ko is empty');
      expect(result.output).toContain('line 5: phone "not a phone" is not a phone number');
      // Mended, it sets up the network: no start date is made up for the operator's libraries.
      writeFileSync(file, [header, haman].join('\n'));
      const mended = await runToExit(['init', '--libraries', file], other.env);
      expect(mended.code, mended.output).toBe(0);
      // The only network admin forgot the password: the operator prints a one-time one.
      const nobody = await runToExit(['reset-password', 'nobody'], other.env);
      expect([nobody.code, nobody.output.trim()]).toEqual([
        1,
        'library-one: no staff account is named "nobody"',
      ]);
      const reset = await runToExit(['reset-password', 'Network-Admin'], other.env);
      step(`$ library-one reset-password Network-Admin\n${reset.output.trim()}`);
      expect(reset.code, reset.output).toBe(0);
      const given = /\(shown only now\): (\S+)/.exec(reset.output)![1]!;

      // A year later, the province's whole list, given by two operators at once: each library
      // is added once.
      writeFileSync(file, [header, haman, uiryeong].join('\n'));
      const runs = await Promise.all([
        runToExit(['add-libraries', file], other.env),
        runToExit(['add-libraries', file], other.env),
      ]);
      step(`$ library-one add-libraries joining.csv\n${runs[0]!.output.trim()}`);
      const outputs = runs.map((run) => run.output).join('\n');
      // A server takes both; the embedded database lets one process at a time have it, and the
      // other is refused whole.
      expect(runs.filter((run) => run.code === 0).length, outputs).toBe(
        testDatabaseKind === 'postgres' ? 2 : 1,
      );
      expect(outputs.match(/Added: 의령도서관 \(uiryeong-library\)/g)).toHaveLength(1);
      expect(outputs).toContain(
        'Already in the network, left as it is: 함안도서관 (haman-library)',
      );
      const again = await runToExit(['add-libraries', file], other.env);
      expect(again.code, again.output).toBe(0);
      expect(again.output).toContain(
        'No library added: every library of the file is already in the network.',
      );

      const service = await startService(other.env, ['start']);
      try {
        const admin = new HttpSession(service.httpUrl);
        const signIn = await admin.post('/api/v1/staff/sign-in', {
          username: 'network-admin',
          password: given,
        });
        expect([signIn.status, signIn.json.staff?.mustChangePassword]).toEqual([200, true]);
        const { libraries } = (await (
          await fetch(`${service.httpUrl}/api/v1/libraries`)
        ).json()) as {
          libraries: {
            nameKo: string;
            status: string;
            plannedStart: string | null;
            region: { nameKo: string };
          }[];
        };
        expect(libraries.map((l) => [l.nameKo, l.status, l.plannedStart, l.region.nameKo])).toEqual(
          [
            ['함안도서관', 'planned', null, '함안군'],
            ['의령도서관', 'planned', null, '의령군'],
          ],
        );
      } finally {
        await service.stop('SIGTERM');
      }
    } finally {
      await other.drop();
    }
  }, 240_000);

  it('start without --demo refuses a demo database; the demo still starts', async () => {
    const demo = await createEmptyDatabase();
    try {
      const seeded = await startService(demo.env, ['start', '--demo']);
      expect(await seeded.stop('SIGTERM')).toBe(0);
      const refused = await runToExit(['start'], demo.env);
      step(`$ library-one start   (on a demo database)\n${refused.output.trim()}`);
      expect(refused.code).toBe(1);
      expect(refused.output).toContain(
        'refusing to start: 59 staff and 29 self-check accounts still have the demo passwords',
      );
    } finally {
      await demo.drop();
    }
  }, 240_000);
});
