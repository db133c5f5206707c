import type { Insertable, Kysely } from 'kysely';
import { CONSENT_VERSION, identityKey, luhnCheckDigit } from '../modules/members/index.js';
import { DEMO_STAFF_PASSWORD } from '../platform/auth/demo-passwords.js';
import { hashPin, hashSecret } from '../platform/auth/secrets.js';
import type { Clock } from '../platform/clock.js';
import type { DB, StaffTable } from '../platform/db/schema.js';

/** Demo passwords, listed in README ("Demo accounts"). Never use the demo seed for real data. */
export { DEMO_STAFF_PASSWORD } from '../platform/auth/demo-passwords.js';
export const DEMO_MEMBER_PASSWORD = 'library-one-member';
export const DEMO_MEMBER_PIN = '1234';
export const NETWORK_ADMIN_USERNAME = 'network-admin';

export function staffUsername(libraryCode: string, role: 'desk' | 'admin'): string {
  return `${libraryCode.replace(/-library$/, '')}-${role}`;
}

/** Demo card numbers are fixed so that README can list them: 29 000000000 NN + check digit. */
export function demoCardNumber(n: number): string {
  const body = `29${String(n).padStart(11, '0')}`;
  return body + String(luhnCheckDigit(body));
}

interface DemoMember {
  name: string;
  birthDate: string;
  phone: string;
  email: string;
  homeLibraryCode: string;
  status: 'active' | 'pending';
  checkedInAt: string[];
  guardian?: { name: string; relationship: string };
}

export const DEMO_MEMBERS: DemoMember[] = [
  {
    name: '김민준',
    birthDate: '1988-03-14',
    phone: '01020260001',
    email: 'minjun@example.kr',
    homeLibraryCode: 'gyeongnamdaepyo-library',
    status: 'active',
    checkedInAt: ['jinju-yonam-library'],
  },
  {
    name: '이서연',
    birthDate: '1995-11-02',
    phone: '01020260002',
    email: 'seoyeon@example.kr',
    homeLibraryCode: 'jinju-yonam-library',
    status: 'active',
    checkedInAt: [],
  },
  {
    name: '최하윤',
    birthDate: '2016-06-20',
    phone: '01020260003',
    email: 'hayun.parent@example.kr',
    homeLibraryCode: 'geoje-okpo-library',
    status: 'active',
    checkedInAt: [],
    guardian: { name: '최영희', relationship: '모' },
  },
  {
    name: '박지호',
    birthDate: '2001-07-30',
    phone: '01020260004',
    email: 'jiho@example.kr',
    homeLibraryCode: 'tongyeong-city-library',
    status: 'pending',
    checkedInAt: [],
  },
];

/** A desk and an admin account for every library, one network admin, and a few members. */
export async function seedDemoAccounts(db: Kysely<DB>, clock: Clock) {
  const [staffHash, memberHash, pinHash] = await Promise.all([
    hashSecret(DEMO_STAFF_PASSWORD),
    hashSecret(DEMO_MEMBER_PASSWORD),
    hashPin(DEMO_MEMBER_PIN),
  ]);
  const libraries = await db
    .selectFrom('libraries')
    .select(['id', 'code', 'name_ko'])
    .orderBy('id')
    .execute();
  const idOf = new Map(libraries.map((l) => [l.code, l.id]));
  const now = clock.now();
  return db.transaction().execute(async (tx) => {
    const staffRows: Insertable<StaffTable>[] = libraries.flatMap((library) => [
      {
        library_id: library.id,
        username: staffUsername(library.code, 'desk'),
        display_name: `${library.name_ko} 안내데스크`,
        role: 'desk' as const,
        password_hash: staffHash,
      },
      {
        library_id: library.id,
        username: staffUsername(library.code, 'admin'),
        display_name: `${library.name_ko} 관리자`,
        role: 'library_admin' as const,
        password_hash: staffHash,
      },
    ]);
    staffRows.push({
      library_id: libraries[0]!.id,
      username: NETWORK_ADMIN_USERNAME,
      display_name: '책이음 네트워크 관리자',
      role: 'network_admin',
      password_hash: staffHash,
    });
    await tx.insertInto('staff').values(staffRows).execute();
    for (const [index, m] of DEMO_MEMBERS.entries()) {
      const homeId = idOf.get(m.homeLibraryCode)!;
      const member = await tx
        .insertInto('members')
        .values({
          status: m.status,
          home_library_id: homeId,
          name: m.name,
          birth_date: m.birthDate,
          phone: m.phone,
          email: m.email,
          identity_key: identityKey({ name: m.name, birthDate: m.birthDate, phone: m.phone }),
          guardian_name: m.guardian?.name ?? null,
          guardian_relationship: m.guardian?.relationship ?? null,
          guardian_consent_at: m.guardian ? now : null,
          password_hash: memberHash,
          pin_hash: m.status === 'active' ? pinHash : null,
          consent_given_on: clock.today(),
          consent_given_at: now,
          consent_version: CONSENT_VERSION,
          registered_at: now,
          verified_at: m.status === 'active' ? now : null,
          verified_at_library_id: m.status === 'active' ? homeId : null,
          verification_id_type:
            m.status === 'active'
              ? m.guardian
                ? 'guardian_id'
                : 'resident_registration_card'
              : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (m.status === 'active') {
        await tx
          .insertInto('cards')
          .values({
            number: demoCardNumber(index + 1),
            member_id: member.id,
            status: 'valid',
            issued_at: now,
            issued_at_library_id: homeId,
          })
          .execute();
      }
      for (const code of m.checkedInAt) {
        await tx
          .insertInto('check_ins')
          .values({
            member_id: member.id,
            library_id: idOf.get(code)!,
            checked_in_at: now,
            id_document_type: 'resident_registration_card',
          })
          .execute();
      }
    }
    return { staff: staffRows.length, members: DEMO_MEMBERS.length };
  });
}
