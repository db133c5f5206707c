// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, problem } from '../test/api-mock';
import { member, tongyeong, yonam } from '../test/fixtures';
import { renderAt, resetBetweenTests } from '../test/render';

function accountRoutes(contact: Parameters<typeof mockApi>[0][number][2]) {
  return mockApi([
    ['GET', '/api/v1/me', { body: member }],
    ['GET', '/api/v1/me/data-holders', { body: { libraries: [] } }],
    ['GET', '/api/v1/libraries', { body: { libraries: [yonam, tongyeong] } }],
    ['PATCH', '/api/v1/me/contact', contact],
  ]);
}

describe('a member edits their own contact details in the portal', () => {
  resetBetweenTests();

  it('saves a new phone and an e-mail, and shows them', async () => {
    const calls = accountRoutes((request) => ({ body: request.body }));
    renderAt('/portal/me/account');
    const form = await screen.findByRole('form', { name: '연락처 바꾸기' });
    fireEvent.change(within(form).getByLabelText('휴대전화'), {
      target: { value: '010-7777-0202' },
    });
    fireEvent.change(within(form).getByLabelText('이메일'), {
      target: { value: 'reader@example.kr' },
    });
    fireEvent.submit(form);
    expect(await within(form).findByText('연락처를 저장했습니다.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
      phone: '010-7777-0202',
      email: 'reader@example.kr',
    });
    const facts = screen.getByRole('heading', { name: '회원 정보' }).closest('section')!;
    expect(within(facts).getByText('010-7777-0202')).toBeTruthy();
    expect(within(facts).getByText('reader@example.kr')).toBeTruthy();
  });

  it('says why removing both is refused, and keeps what is shown', async () => {
    const calls = accountRoutes(
      problem(400, [
        {
          code: 'VALIDATION_FAILED',
          detail:
            '입력값이 올바르지 않습니다: body.phone (a phone number or an e-mail address is required)',
        },
      ]),
    );
    renderAt('/portal/me/account');
    const form = await screen.findByRole('form', { name: '연락처 바꾸기' });
    fireEvent.change(within(form).getByLabelText('휴대전화'), { target: { value: '' } });
    fireEvent.submit(form);
    expect((await within(form).findByRole('alert')).textContent).toContain(
      'a phone number or an e-mail address is required',
    );
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ phone: null, email: null });
    const facts = screen.getByRole('heading', { name: '회원 정보' }).closest('section')!;
    expect(within(facts).getByText('010-5555-0101')).toBeTruthy();
  });
});
