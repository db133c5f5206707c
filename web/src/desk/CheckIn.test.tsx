// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCsrfToken } from '../api/client';
import { mockApi } from '../test/api-mock';
import { deskStaff, member, yonam } from '../test/fixtures';
import { renderAt, resetBetweenTests } from '../test/render';

const CARD = member.card!.number;
/** What a library that does not hold the member sees of a presented card (issue 13.2). */
const limited = {
  visibility: 'limited',
  id: 42,
  name: member.name,
  maskedPhone: '010-****-0101',
  maskedEmail: null,
  status: 'active',
  suspendedUntil: null,
  homeLibrary: { id: 1, nameKo: '경남대표도서관', nameEn: 'Gyeongnamdaepyo Library' },
  checkedInHere: false,
};

describe('desk: check-in at a library that does not hold the member', () => {
  resetBetweenTests();

  it('says a suspension running across the network before anyone checks an ID', async () => {
    mockApi([
      ['GET', '/api/v1/staff/me', { body: deskStaff }],
      ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
      [
        'GET',
        `/api/v1/cards/${CARD}`,
        { body: { card: member.card, member: { ...limited, suspendedUntil: '2026-12-11' } } },
      ],
    ]);
    renderAt('/desk');
    const input = (await screen.findByLabelText('회원카드 번호')) as HTMLInputElement;
    fireEvent.change(input, { target: { value: CARD } });
    fireEvent.submit(input.closest('form')!);
    expect(
      await screen.findByText(
        '이 회원은 2026년 12월 11일 (금)까지 모든 도서관에서 대출이 정지되어 있습니다. 반입 등록을 해도 그때까지는 빌려 줄 수 없습니다.',
      ),
    ).toBeTruthy();
  });

  it('asks for no loans before the check-in, and checks in with the card presented', async () => {
    setCsrfToken('csrf-1');
    let checkedIn = false;
    const calls = mockApi([
      ['GET', '/api/v1/staff/me', { body: deskStaff }],
      ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
      [
        'GET',
        `/api/v1/cards/${CARD}`,
        () => ({ body: { card: member.card, member: checkedIn ? member : limited } }),
      ],
      [
        'POST',
        '/api/v1/members/42/check-ins',
        () => {
          checkedIn = true;
          return { body: { memberId: 42, libraryId: 3, alreadyCheckedIn: false } };
        },
      ],
    ]);
    renderAt('/desk');
    const input = (await screen.findByLabelText('회원카드 번호')) as HTMLInputElement;
    fireEvent.change(input, { target: { value: CARD } });
    fireEvent.submit(input.closest('form')!);
    await screen.findByText(/아직 반입 등록되지 않은 회원입니다/);
    // No item field yet: the card number is selected, so a book scanned next replaces it.
    await waitFor(() =>
      expect([input.selectionStart, input.selectionEnd]).toEqual([0, CARD.length]),
    );
    expect(calls.some((c) => c.path.endsWith('/loans'))).toBe(false);
    expect(screen.queryByText('010-5555-0101')).toBeNull();

    fireEvent.change(document.querySelector('#check-in-id')!, { target: { value: 'passport' } });
    fireEvent.click(screen.getByRole('button', { name: '반입 등록' }));
    await waitFor(() =>
      expect(calls.find((c) => c.path === '/api/v1/members/42/check-ins')?.body).toEqual({
        idDocumentType: 'passport',
        cardNumber: CARD,
      }),
    );
    // Said aloud (the desk's status line), not "member opened" again.
    const status = document.querySelector('.sr-status[role="status"]')!;
    await waitFor(() =>
      expect(status.textContent).toBe(
        `반입 등록했습니다: 이제 ${yonam.nameKo}에서 ${member.name} 님의 정보를 보고 대출·반납을 처리할 수 있습니다.`,
      ),
    );
  });
  it('says a card unblocked aloud, not "member opened" again', async () => {
    setCsrfToken('csrf-1');
    let blocked = true;
    mockApi([
      ['GET', '/api/v1/staff/me', { body: deskStaff }],
      ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
      [
        'GET',
        `/api/v1/cards/${CARD}`,
        () => ({ body: { card: { ...member.card, blocked }, member } }),
      ],
      [
        'POST',
        '/api/v1/members/42/card/unblock',
        () => {
          blocked = false;
          return { body: { ...member.card, blocked: false } };
        },
      ],
    ]);
    renderAt('/desk');
    const input = (await screen.findByLabelText('회원카드 번호')) as HTMLInputElement;
    fireEvent.change(input, { target: { value: CARD } });
    fireEvent.submit(input.closest('form')!);
    fireEvent.click(await screen.findByRole('button', { name: '차단 해제' }));
    const status = document.querySelector('.sr-status[role="status"]')!;
    await waitFor(() =>
      expect(status.textContent).toBe(
        `카드 차단을 해제했습니다: ${member.name} 님은 다시 카드를 쓸 수 있습니다.`,
      ),
    );
  });
});
