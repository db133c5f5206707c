// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, problem } from '../test/api-mock';
import { emptyStatus, member, openLoanAtYonam } from '../test/fixtures';
import { renderAt, resetBetweenTests } from '../test/render';

describe('portal: withdrawal', () => {
  resetBetweenTests();

  it('with a book still on loan: says so, and asks for no password to a withdrawal that cannot be', async () => {
    mockApi([
      ['GET', '/api/v1/me', { body: member }],
      [
        'GET',
        '/api/v1/me/loans',
        {
          body: {
            ...emptyStatus,
            openLoans: [openLoanAtYonam],
          },
        },
      ],
    ]);
    renderAt('/portal/me/account');
    const blocked = await screen.findByText('지금은 탈퇴할 수 없습니다:');
    expect(blocked.closest('.withdrawal-blocked')?.textContent).toContain(
      '빌린 자료가 1권 남아 있습니다. 모두 반납한 뒤 탈퇴할 수 있습니다.',
    );
    expect(screen.queryByRole('button', { name: '탈퇴하기' })).toBeNull();
  });

  it('with nothing open: the password and the button', async () => {
    mockApi([
      ['GET', '/api/v1/me', { body: member }],
      ['GET', '/api/v1/me/loans', { body: emptyStatus }],
    ]);
    renderAt('/portal/me/account');
    expect(await screen.findByRole('button', { name: '탈퇴하기' })).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('지금은 탈퇴할 수 없습니다:')).toBeNull());
  });
  it('says before the question that the open holds and requests end with the withdrawal', async () => {
    mockApi([
      ['GET', '/api/v1/me', { body: member }],
      ['GET', '/api/v1/me/loans', { body: emptyStatus }],
      [
        'GET',
        '/api/v1/me/holds',
        { body: { holds: [{ state: 'ready' }, { state: 'waiting' }, { state: 'collected' }] } },
      ],
      [
        'GET',
        '/api/v1/me/requests',
        { body: { requests: [{ state: 'requested' }, { state: 'closed' }] } },
      ],
    ]);
    renderAt('/portal/me/account');
    const said = '탈퇴하면 예약 2건과 상호대차 신청 1건도 취소됩니다.';
    expect(await screen.findByText(said)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '탈퇴하기' }));
    expect(
      screen.getByText(`정말 탈퇴할까요? 개인정보가 지워지며 되돌릴 수 없습니다. ${said}`),
    ).toBeTruthy();
  });

  it('asks on the page, then says on the sign-in page that the withdrawal was done, with the keyboard there', async () => {
    let withdrawn = false;
    const calls = mockApi([
      [
        'GET',
        '/api/v1/me',
        () =>
          withdrawn
            ? problem(401, [{ code: 'UNAUTHENTICATED', detail: '로그인이 필요합니다.' }])
            : { body: member },
      ],
      ['GET', '/api/v1/me/loans', { body: emptyStatus }],
      [
        'POST',
        '/api/v1/me/withdrawal',
        () => {
          withdrawn = true;
          return { body: { withdrawn: true } };
        },
      ],
    ]);
    renderAt('/portal/me/account');
    fireEvent.change(await screen.findByLabelText('비밀번호'), { target: { value: 'pw' } });
    const leave = screen.getByRole('button', { name: '탈퇴하기' });
    leave.focus();
    fireEvent.click(leave);
    expect(
      screen.getByText('정말 탈퇴할까요? 개인정보가 지워지며 되돌릴 수 없습니다.'),
    ).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: '예, 탈퇴합니다' }));
    const said = await screen.findByText(
      /^탈퇴했습니다\. 이름과 생년월일, 연락처, 카드가 지워졌습니다\./,
    );
    await waitFor(() => expect(document.activeElement).toBe(said));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ password: 'pw' });
  });
});
