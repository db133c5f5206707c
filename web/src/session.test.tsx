// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { api } from './api/client';
import { mockApi, problem } from './test/api-mock';
import { member } from './test/fixtures';
import { renderAt, resetBetweenTests } from './test/render';

function signedInPortal(signOut: Parameters<typeof mockApi>[0][number][2]) {
  return mockApi([
    ['GET', '/api/v1/me', { body: member }],
    ['GET', '/api/v1/libraries', { body: { libraries: [] } }],
    ['POST', '/api/v1/sign-out', signOut],
  ]);
}

describe('web session (issue 13, point 4)', () => {
  resetBetweenTests();

  it('a tab that did not sign in sends the CSRF token from the browser’s cookie', async () => {
    // Another tab signed in: this one has only the cookies the browser shares.
    // biome-ignore lint/suspicious/noDocumentCookie: the test plays the server setting the cookie
    document.cookie = 'lo_csrf=token-of-the-session; path=/';
    const calls = mockApi([['POST', '/api/v1/returns', { body: {} }]]);
    await api.POST('/api/v1/returns', { body: { itemBarcode: 'JYL0000003' } });
    expect(calls[0]?.headers['x-csrf-token']).toBe('token-of-the-session');
  });

  it('signs out, and says so when the session could not be ended', async () => {
    let reachable = false;
    const calls = signedInPortal(() =>
      reachable
        ? { body: { ok: true } }
        : problem(503, [{ code: 'SERVICE_UNAVAILABLE', detail: '잠시 후 다시 시도해 주세요.' }]),
    );
    renderAt('/portal');
    fireEvent.click(await screen.findByRole('button', { name: '로그아웃' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('로그아웃하지 못했습니다');
    // Still shown as signed in: nobody is told the account is closed when it is not.
    expect(screen.getByRole('button', { name: '로그아웃' })).toBeTruthy();

    reachable = true;
    fireEvent.click(screen.getByRole('button', { name: '로그아웃' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: '로그아웃' })).toBeNull());
    expect(screen.queryByRole('alert')).toBeNull();
    expect(calls.filter((c) => c.path === '/api/v1/sign-out')).toHaveLength(2);
  });
});
