// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import facts from '../../../src/modules/privacy/privacy-facts.json';
import { mockApi, problem } from '../test/api-mock';
import { tongyeong, yonam } from '../test/fixtures';
import { renderAt, resetBetweenTests } from '../test/render';

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('portal: sign-up', () => {
  resetBetweenTests();

  it('pre-registers and tells the next steps: the home library desk, with an ID', async () => {
    const calls = mockApi([
      [
        'GET',
        '/api/v1/me',
        problem(401, [{ code: 'UNAUTHENTICATED', detail: '로그인이 필요합니다.' }]),
      ],
      ['GET', /^\/api\/v1\/libraries/, { body: { libraries: [yonam, tongyeong] } }],
      [
        'POST',
        '/api/v1/members/pre-registrations',
        { status: 201, body: { id: 9, status: 'pending', homeLibraryId: 3 } },
      ],
    ]);
    renderAt('/portal/sign-up');
    await screen.findByRole('option', { name: '진주시립연암도서관' });
    fill('이름', '김하늘');
    fill('생년월일', '1990-04-05');
    fill('휴대전화', '010-5555-0101');
    fill('소속 도서관', '3');
    fill('비밀번호', 'secret-password');
    fill('비밀번호 확인', 'secret-password');
    expect(screen.queryByLabelText('보호자 이름')).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: /개인정보 수집·이용에 동의합니다/ }));
    fireEvent.submit(screen.getByRole('button', { name: '가입 신청' }).closest('form')!);

    const done = await screen.findByRole('heading', { name: '가입 신청이 접수되었습니다' });
    await waitFor(() => expect(document.activeElement).toBe(done));
    expect(
      screen.getByText('신분증을 가지고 진주시립연암도서관 안내데스크를 찾아가세요.'),
    ).toBeTruthy();
    expect(screen.getByText(/그전에도 010-5555-0101로 로그인해/)).toBeTruthy();
    const sent = calls.find((c) => c.method === 'POST');
    expect(sent?.body).toEqual({
      name: '김하늘',
      birthDate: '1990-04-05',
      phone: '010-5555-0101',
      homeLibraryId: 3,
      password: 'secret-password',
      consent: true,
    });
  });

  it('shows the consent block from the privacy facts, and the refusal of an unchecked box', async () => {
    const calls = mockApi([
      [
        'GET',
        '/api/v1/me',
        problem(401, [{ code: 'UNAUTHENTICATED', detail: '로그인이 필요합니다.' }]),
      ],
      ['GET', /^\/api\/v1\/libraries/, { body: { libraries: [yonam] } }],
      ['GET', '/api/v1/privacy-policy', { body: facts }],
      [
        'POST',
        '/api/v1/members/pre-registrations',
        problem(400, [{ code: 'CONSENT_REQUIRED', detail: facts.consent.refusal.ko }]),
      ],
    ]);
    renderAt('/portal/sign-up');
    expect(await screen.findByText('개인정보 수집·이용 동의 (필수)')).toBeTruthy();
    // The legend shows at once; the facts when the policy has come.
    for (const text of [
      facts.consent.items.ko,
      facts.consent.purpose.ko,
      facts.consent.retention.ko,
    ])
      expect(await screen.findByText(text)).toBeTruthy();
    await screen.findByRole('option', { name: '진주시립연암도서관' });
    fill('이름', '김하늘');
    fill('생년월일', '1990-04-05');
    fill('휴대전화', '010-5555-0101');
    fill('소속 도서관', '3');
    fill('비밀번호', 'secret-password');
    fill('비밀번호 확인', 'secret-password');
    fireEvent.submit(screen.getByRole('button', { name: '가입 신청' }).closest('form')!);
    expect(await screen.findByText(/CONSENT_REQUIRED/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ consent: false });
  });

  it('shows the privacy policy page in Korean from the same facts', async () => {
    mockApi([
      [
        'GET',
        '/api/v1/me',
        problem(401, [{ code: 'UNAUTHENTICATED', detail: '로그인이 필요합니다.' }]),
      ],
      ['GET', '/api/v1/privacy-policy', { body: facts }],
    ]);
    renderAt('/portal/privacy');
    expect(
      await screen.findByRole('heading', { name: '개인정보 처리방침', level: 1 }),
    ).toBeTruthy();
    const audit = facts.records.find((r) => r.table === 'audit_events')!;
    expect(screen.getByText(audit.retention.ko)).toBeTruthy();
    // Each record by what a member calls it, never by the database's name for it.
    expect(screen.getByText('감사 기록')).toBeTruthy();
    expect(screen.getByText('회원증')).toBeTruthy();
    for (const record of facts.records) expect(screen.queryByText(record.table)).toBeNull();
  });

  it('asks for a guardian under 14 and shows the API refusal in the reader’s words', async () => {
    mockApi([
      [
        'GET',
        '/api/v1/me',
        problem(401, [{ code: 'UNAUTHENTICATED', detail: '로그인이 필요합니다.' }]),
      ],
      ['GET', /^\/api\/v1\/libraries/, { body: { libraries: [yonam] } }],
      [
        'POST',
        '/api/v1/members/pre-registrations',
        problem(400, [
          {
            code: 'GUARDIAN_CONSENT_REQUIRED',
            detail: '만 14세 미만은 보호자의 이름, 관계, 동의가 필요합니다.',
          },
        ]),
      ],
    ]);
    renderAt('/portal/sign-up');
    await screen.findByRole('option', { name: '진주시립연암도서관' });
    fill('이름', '최하윤');
    fill('생년월일', `${new Date().getFullYear() - 8}-01-01`);
    expect(await screen.findByLabelText('보호자 이름')).toBeTruthy();
    fill('휴대전화', '010-5555-0102');
    fill('소속 도서관', '3');
    fill('비밀번호', 'secret-password');
    fill('비밀번호 확인', 'secret-password');
    fireEvent.submit(screen.getByRole('button', { name: '가입 신청' }).closest('form')!);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('GUARDIAN_CONSENT_REQUIRED');
    expect(alert.textContent).toContain('보호자의 이름과 관계를 적고 동의에 체크해 주세요.');
  });

  it('checks the two passwords before sending', async () => {
    const calls = mockApi([
      [
        'GET',
        '/api/v1/me',
        problem(401, [{ code: 'UNAUTHENTICATED', detail: '로그인이 필요합니다.' }]),
      ],
      ['GET', /^\/api\/v1\/libraries/, { body: { libraries: [yonam] } }],
    ]);
    renderAt('/portal/sign-up');
    await screen.findByRole('option', { name: '진주시립연암도서관' });
    fill('이름', '김하늘');
    fill('생년월일', '1990-04-05');
    fill('이메일', 'sky@example.kr');
    fill('소속 도서관', '3');
    fill('비밀번호', 'secret-password');
    fill('비밀번호 확인', 'other-password');
    fireEvent.submit(screen.getByRole('button', { name: '가입 신청' }).closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toContain('두 비밀번호가 같지 않습니다');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    // Said at the field to mend, which takes the cursor.
    const confirm = screen.getByLabelText('비밀번호 확인');
    expect(confirm.getAttribute('aria-invalid')).toBe('true');
    expect(
      document.getElementById(confirm.getAttribute('aria-describedby') ?? '')?.textContent,
    ).toContain('두 비밀번호가 같지 않습니다');
    await waitFor(() => expect(document.activeElement).toBe(confirm));
  });
});
