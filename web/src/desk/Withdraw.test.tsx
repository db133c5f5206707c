// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../api/client';
import type { CirculationStatus } from '../api/types';
import { mockApi } from '../test/api-mock';
import { deskStaff, emptyStatus, member, openLoanAtYonam, yonam } from '../test/fixtures';
import { renderAt, resetBetweenTests } from '../test/render';

const CARD = member.card!.number;

/** `status` undefined: this library does not hold the member (the card scan shows none). */
function withdrawRoutes(status: CirculationStatus | undefined) {
  return mockApi([
    ['GET', '/api/v1/staff/me', { body: deskStaff }],
    ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
    [
      'GET',
      `/api/v1/cards/${CARD}`,
      { body: { card: member.card, member, ...(status ? { status } : {}) } },
    ],
    ['POST', '/api/v1/members/42/withdrawal', { body: { withdrawn: true } }],
  ]);
}

async function scanCard() {
  const input = await screen.findByLabelText('회원카드 번호');
  fireEvent.change(input, { target: { value: CARD } });
  fireEvent.submit(input.closest('form')!);
  await screen.findByRole('heading', { name: member.name! });
}

describe('desk: withdrawal', () => {
  resetBetweenTests();

  it('says what stops a withdrawal before anyone is asked to confirm it', async () => {
    const confirm = vi.fn(() => true);
    vi.stubGlobal('confirm', confirm);
    const library = { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn, phone: null };
    const calls = withdrawRoutes({
      ...emptyStatus,
      openLoans: [openLoanAtYonam],
      suspension: {
        until: '2026-12-20',
        resumesOn: '2026-12-21',
        cause: { library, daysLate: 5, returnDay: '2026-12-10', title: '밝은 밤' },
      },
    });
    renderAt('/desk/withdraw');
    await scanCard();
    const blocked = document.querySelector('.withdrawal-blocked')!;
    expect(blocked.textContent).toContain(
      '대출 정지 중입니다. 2026년 12월 21일 (월)부터 탈퇴할 수 있습니다.',
    );
    expect(blocked.textContent).toContain(
      '빌린 자료가 1권 남아 있습니다. 모두 반납한 뒤 탈퇴할 수 있습니다.',
    );
    expect(screen.queryByRole('button', { name: '탈퇴하기' })).toBeNull();
    expect(confirm).not.toHaveBeenCalled();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('says an overdue book once, as overdue, and the other loans beside it', async () => {
    withdrawRoutes({
      ...emptyStatus,
      openLoans: [
        { ...openLoanAtYonam, overdue: true },
        { ...openLoanAtYonam, loanId: 2, itemBarcode: 'JYL0000002' },
      ],
      overdueCount: 1,
    });
    renderAt('/desk/withdraw');
    await scanCard();
    const reasons = [...document.querySelectorAll('.withdrawal-blocked li')].map(
      (li) => li.textContent,
    );
    expect(reasons).toEqual([
      '연체 중인 자료가 1권 있습니다. 반납한 뒤 탈퇴할 수 있습니다.',
      '그 밖에 빌린 자료가 1권 남아 있습니다. 모두 반납한 뒤 탈퇴할 수 있습니다.',
    ]);
  });

  it('at a library that does not hold the member: says where it can be done, and offers nothing to press', async () => {
    const calls = withdrawRoutes(undefined);
    renderAt('/desk/withdraw');
    await scanCard();
    expect(
      screen.getByText(
        /^이 도서관에 반입 등록된 회원이 아니라 여기서는 탈퇴를 처리할 수 없습니다\./,
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: '탈퇴하기' })).toBeNull();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('asks staff about the member by name, then says it was done and gives it the keyboard', async () => {
    setCsrfToken('csrf-1');
    withdrawRoutes(emptyStatus);
    renderAt('/desk/withdraw');
    await scanCard();
    const button = screen.getByRole('button', { name: '탈퇴하기' });
    button.focus();
    fireEvent.click(button);
    // Asked on the page (not the browser's box), by the member's name.
    const question = screen.getByText(
      `${member.name} 님의 탈퇴를 처리할까요? 개인정보가 지워지며 되돌릴 수 없습니다.`,
    );
    await waitFor(() => expect(document.activeElement).toBe(question.closest('fieldset')));
    fireEvent.click(screen.getByRole('button', { name: '예, 탈퇴를 처리합니다' }));
    const done = await screen.findByText('탈퇴를 처리했습니다. 개인정보가 지워졌습니다.');
    await waitFor(() => expect(document.activeElement).toBe(done));
  });
});
