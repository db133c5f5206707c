// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, problem } from '../test/api-mock';
import { deskStaff, tongyeong, yonam } from '../test/fixtures';
import { renderAt, resetBetweenTests } from '../test/render';

function staffRoutes(staff: typeof deskStaff, extra: Parameters<typeof mockApi>[0] = []) {
  return mockApi([
    ...extra,
    ['GET', '/api/v1/staff/me', { body: staff }],
    ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
    ['GET', '/api/v1/libraries', { body: { libraries: [yonam, tongyeong] } }],
    ['GET', /^\/api\/v1\/statistics/, { body: {} }],
  ]);
}

function changePassword(current: string, next: string) {
  fireEvent.change(screen.getByLabelText('현재 비밀번호'), { target: { value: current } });
  fireEvent.change(screen.getByLabelText('새 비밀번호 (8자 이상)'), { target: { value: next } });
  fireEvent.submit(screen.getByRole('button', { name: '새 비밀번호 저장' }).closest('form')!);
}

describe('staff change their own password at any time', () => {
  resetBetweenTests();

  it('from the desk bar: the current password, a new one, saved', async () => {
    const calls = staffRoutes(deskStaff, [
      ['POST', '/api/v1/staff/me/password', { body: { ok: true } }],
    ]);
    renderAt('/desk');
    fireEvent.click(await screen.findByRole('link', { name: '내 비밀번호 바꾸기' }));
    expect(await screen.findByRole('heading', { name: '내 비밀번호 바꾸기' })).toBeTruthy();
    changePassword('old-desk-secret', 'new-desk-secret');
    expect(await screen.findByText('새 비밀번호를 저장했습니다.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      currentPassword: 'old-desk-secret',
      newPassword: 'new-desk-secret',
    });
    expect((screen.getByLabelText('현재 비밀번호') as HTMLInputElement).value).toBe('');
  });

  it('from the administration: a wrong current password is refused in words', async () => {
    const admin = { ...deskStaff, id: 6, role: 'library_admin' as const };
    staffRoutes(admin, [
      [
        'POST',
        '/api/v1/staff/me/password',
        problem(401, [
          { code: 'INVALID_CREDENTIALS', detail: '아이디 또는 비밀번호가 맞지 않습니다.' },
        ]),
      ],
    ]);
    renderAt('/admin/password');
    expect(await screen.findByRole('heading', { name: '내 비밀번호 바꾸기' })).toBeTruthy();
    changePassword('not-my-password', 'new-admin-secret');
    expect((await screen.findByRole('alert')).textContent).toContain(
      '아이디 또는 비밀번호가 맞지 않습니다.',
    );
    expect(screen.queryByText('새 비밀번호를 저장했습니다.')).toBeNull();
  });
});
