// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/api-mock';
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
});
