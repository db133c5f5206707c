// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/api-mock';
import { deskStaff, emptyStatus, member, yonam } from '../test/fixtures';
import { renderAt, resetBetweenTests } from '../test/render';

const CARD = member.card!.number;

function deskRoutes(extra: Parameters<typeof mockApi>[0]) {
  let current = member;
  const calls = mockApi([
    ...extra,
    [
      'PATCH',
      '/api/v1/members/42/contact',
      (request) => {
        current = { ...current, ...(request.body as object) };
        return { body: { phone: current.phone, email: current.email } };
      },
    ],
    ['GET', '/api/v1/staff/me', { body: deskStaff }],
    ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
    [
      'GET',
      `/api/v1/cards/${CARD}`,
      () => ({ body: { card: member.card, member: current, status: emptyStatus } }),
    ],
  ]);
  return calls;
}

async function openMember() {
  renderAt('/desk');
  const input = (await screen.findByLabelText('회원카드 번호')) as HTMLInputElement;
  fireEvent.change(input, { target: { value: CARD } });
  fireEvent.submit(input.closest('form')!);
  await screen.findByRole('heading', { name: member.name! });
  fireEvent.click(screen.getByText('회원 계정 관리'));
}

describe('desk: a member’s password, PIN and contact details', () => {
  resetBetweenTests();

  it('resets the PIN only after an ID document type is chosen', async () => {
    const calls = deskRoutes([['POST', '/api/v1/members/42/credentials', { body: { ok: true } }]]);
    await openMember();
    const form = screen.getByRole('form', { name: '비밀번호·PIN 재설정' });
    const reset = within(form).getByRole('button', { name: '재설정' }) as HTMLButtonElement;
    fireEvent.change(within(form).getByLabelText('새 PIN (숫자 4~6자리)'), {
      target: { value: '4821' },
    });
    expect(reset.disabled).toBe(true);
    fireEvent.change(within(form).getByLabelText('확인한 신분증'), {
      target: { value: 'driver_license' },
    });
    expect(reset.disabled).toBe(false);
    fireEvent.submit(form);
    expect(await within(form).findByText('새 PIN을 저장했습니다.')).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/v1/members/42/credentials')?.body).toEqual({
      idDocumentType: 'driver_license',
      pin: '4821',
    });
    expect((within(form).getByLabelText('새 PIN (숫자 4~6자리)') as HTMLInputElement).value).toBe(
      '',
    );
  });

  it('changes the e-mail address and shows it on the member card', async () => {
    const calls = deskRoutes([]);
    await openMember();
    const form = screen.getByRole('form', { name: '연락처 바꾸기' });
    fireEvent.change(within(form).getByLabelText('이메일'), {
      target: { value: 'new@example.kr' },
    });
    fireEvent.submit(form);
    expect(await screen.findByText('new@example.kr', { selector: 'dd, dd *' })).toBeTruthy();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
      phone: '01055550101',
      email: 'new@example.kr',
    });
  });
});
