// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, problem } from '../test/api-mock';
import { deskStaff, tongyeong, yonam } from '../test/fixtures';
import { renderAt, resetBetweenTests } from '../test/render';

const libraryAdmin = {
  ...deskStaff,
  id: 6,
  username: 'jinju-yonam-admin',
  displayName: '연암 관리자',
  role: 'library_admin' as const,
};
const networkAdmin = {
  ...deskStaff,
  id: 1,
  username: 'network-admin',
  displayName: '경남 네트워크 관리자',
  role: 'network_admin' as const,
};
const selfCheck = { port: 6001, tls: false };
const terminal = {
  id: 9,
  libraryId: 3,
  username: 'kiosk-1',
  encoding: 'utf-8' as const,
  language: 'ko' as const,
  disabled: false,
  allowedAddresses: [] as string[],
  createdAt: '2026-12-01T01:00:00.000Z',
};

function adminRoutes(extra: Parameters<typeof mockApi>[0]) {
  return mockApi([
    ...extra,
    ['GET', '/api/v1/staff/me', { body: libraryAdmin }],
    ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
    ['GET', '/api/v1/libraries', { body: { libraries: [yonam, tongyeong] } }],
  ]);
}

/** Fills the new staff account form (user name jinju-desk2) and sends it. */
function createStaff(form: HTMLElement, displayName: string) {
  fireEvent.change(within(form).getByLabelText(/아이디/), { target: { value: 'jinju-desk2' } });
  fireEvent.change(within(form).getByLabelText(/표시 이름/), { target: { value: displayName } });
  fireEvent.change(within(form).getByLabelText(/비밀번호/), {
    target: { value: 'a-long-enough-password' },
  });
  fireEvent.submit(form);
}

describe('managing accounts in the library administration', () => {
  resetBetweenTests();

  it('resets a staff member’s password after asking, and shows the one-time password once', async () => {
    const calls = adminRoutes([
      [
        'GET',
        '/api/v1/libraries/3/staff',
        { body: { staff: [libraryAdmin, deskStaff, networkAdmin] } },
      ],
      ['POST', '/api/v1/staff/5/password-reset', { body: { oneTimePassword: 'x7-Kp2q-9RtM' } }],
    ]);
    renderAt('/admin/staff');
    const row = (await screen.findByText('연암 안내데스크')).closest('tr')!;
    // Not for one's own account: that is the password change.
    const own = screen.getByText('연암 관리자').closest('tr')!;
    expect(within(own).queryByRole('button', { name: '비밀번호 재설정' })).toBeNull();
    // Nor for the network admin placed at this library: only a network admin may change it.
    const network = screen.getByText('경남 네트워크 관리자').closest('tr')!;
    expect(within(network).queryAllByRole('button')).toEqual([]);
    expect(within(network).getByText('네트워크 관리자만 바꿀 수 있습니다')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: '비밀번호 재설정' }));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    expect(
      within(row).getByText(/연암 안내데스크의 비밀번호를 일회용 비밀번호로 바꿀까요/),
    ).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: '재설정' }));
    const shown = await screen.findByRole('region', { name: '일회용 비밀번호' });
    expect(within(shown).getByText('x7-Kp2q-9RtM')).toBeTruthy();
    expect(within(shown).getByText(/지금 한 번만 보입니다/)).toBeTruthy();
    expect(screen.getByText('연암 안내데스크의 비밀번호를 재설정했습니다.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([
      '/api/v1/staff/5/password-reset',
    ]);
    fireEvent.click(within(shown).getByRole('button', { name: '전달했습니다' }));
    expect(screen.queryByText('x7-Kp2q-9RtM')).toBeNull();
  });

  it('a new staff account: the usernames allowed are said, and a refusal is shown in the form', async () => {
    adminRoutes([
      ['GET', '/api/v1/libraries/3/staff', { body: { staff: [libraryAdmin, deskStaff] } }],
      [
        'POST',
        '/api/v1/libraries/3/staff',
        problem(422, [
          {
            code: 'VALIDATION_FAILED',
            detail: '아이디는 형식이 올바르지 않습니다.',
            params: { field: 'body.username' },
          },
        ]),
      ],
    ]);
    renderAt('/admin/staff');
    const form = (await screen.findByRole('heading', { name: '새 직원 계정' })).closest('form')!;
    expect(within(form).getByText('영문·숫자와 . _ - 로 된 3~40자 (예: jinju-desk2)')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText(/아이디/), { target: { value: 'Bad User!' } });
    fireEvent.change(within(form).getByLabelText(/표시 이름/), { target: { value: '새 직원' } });
    fireEvent.submit(form);
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('아이디는 형식이 올바르지 않습니다.');
    expect(alert.textContent).toContain('위에 적힌 칸을 고친 뒤 다시 보내 주세요.');
  });

  it('says the last action only: a new account, then another disabled', async () => {
    const calls = adminRoutes([
      ['GET', '/api/v1/libraries/3/staff', { body: { staff: [libraryAdmin, deskStaff] } }],
      [
        'POST',
        '/api/v1/libraries/3/staff',
        (request) => ({ status: 201, body: { ...deskStaff, id: 12, ...(request.body as object) } }),
      ],
      ['POST', '/api/v1/staff/5/disabled', { body: { ...deskStaff, disabled: true } }],
    ]);
    renderAt('/admin/staff');
    const form = (await screen.findByRole('heading', { name: '새 직원 계정' })).closest('form')!;
    createStaff(form, '새 직원');
    expect(
      await screen.findByText(
        '새 직원 계정을 만들었습니다. 정한 비밀번호를 본인에게 전해 주세요. 처음 로그인할 때 새 비밀번호를 정하게 됩니다.',
      ),
    ).toBeTruthy();
    const row = screen.getByText('연암 안내데스크').closest('tr')!;
    // It signs the account out everywhere: asked first, by the account's name.
    fireEvent.click(within(row).getByRole('button', { name: '사용 중지: 연암 안내데스크' }));
    expect(
      within(row).getByText(
        '연암 안내데스크 계정을 사용 중지할까요? 이 계정으로 로그인한 곳은 모두 바로 로그아웃됩니다.',
      ),
    ).toBeTruthy();
    expect(calls.some((c) => c.path === '/api/v1/staff/5/disabled')).toBe(false);
    fireEvent.click(within(row).getByRole('button', { name: '예, 사용 중지합니다' }));
    expect(await screen.findByText('연암 안내데스크 계정을 사용 중지했습니다.')).toBeTruthy();
    expect(
      screen.queryByText(
        '새 직원 계정을 만들었습니다. 정한 비밀번호를 본인에게 전해 주세요. 처음 로그인할 때 새 비밀번호를 정하게 됩니다.',
      ),
    ).toBeNull();
  });

  it('takes the last success away when the next save is refused', async () => {
    let created = 0;
    adminRoutes([
      ['GET', '/api/v1/libraries/3/staff', { body: { staff: [libraryAdmin, deskStaff] } }],
      [
        'POST',
        '/api/v1/libraries/3/staff',
        (request) =>
          ++created === 1
            ? { status: 201, body: { ...deskStaff, id: 12, ...(request.body as object) } }
            : problem(409, [{ code: 'CONFLICT', detail: '이미 쓰이는 아이디입니다.' }]),
      ],
    ]);
    renderAt('/admin/staff');
    const form = (await screen.findByRole('heading', { name: '새 직원 계정' })).closest('form')!;
    createStaff(form, '새 직원');
    expect(
      await screen.findByText(
        '새 직원 계정을 만들었습니다. 정한 비밀번호를 본인에게 전해 주세요. 처음 로그인할 때 새 비밀번호를 정하게 됩니다.',
      ),
    ).toBeTruthy();
    createStaff(form, '또 새 직원');
    expect(await screen.findByText('이미 쓰이는 아이디입니다.')).toBeTruthy();
    expect(
      screen.queryByText(
        '새 직원 계정을 만들었습니다. 정한 비밀번호를 본인에게 전해 주세요. 처음 로그인할 때 새 비밀번호를 정하게 됩니다.',
      ),
    ).toBeNull();
  });

  it('disables a self-check machine and gives it a new password', async () => {
    let disabled = false;
    const calls = adminRoutes([
      [
        'GET',
        '/api/v1/libraries/3/terminals',
        () => ({ body: { terminals: [{ ...terminal, disabled }], selfCheck } }),
      ],
      [
        'POST',
        '/api/v1/terminals/9/disabled',
        (request) => {
          disabled = (request.body as { disabled: boolean }).disabled;
          return { body: { ok: true } };
        },
      ],
      ['POST', '/api/v1/terminals/9/password', { body: { ok: true } }],
    ]);
    renderAt('/admin/terminals');
    const row = (await screen.findByText('kiosk-1')).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: '사용 중지' }));
    expect(await screen.findByText('kiosk-1 기기의 로그인을 중지했습니다.')).toBeTruthy();
    expect(await within(row).findByRole('button', { name: '다시 사용' })).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/v1/terminals/9/disabled')?.body).toEqual({
      disabled: true,
    });

    fireEvent.click(within(row).getByRole('button', { name: '새 기기 비밀번호' }));
    const form = within(row).getByRole('form', { name: 'kiosk-1 기기의 새 비밀번호' });
    fireEvent.change(within(form).getByLabelText('새 기기 비밀번호'), {
      target: { value: 'new-kiosk-secret' },
    });
    fireEvent.submit(form);
    expect(
      await screen.findByText('kiosk-1 기기의 비밀번호를 바꿨습니다. 기기 설정에도 입력해 주세요.'),
    ).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/v1/terminals/9/password')?.body).toEqual({
      password: 'new-kiosk-secret',
    });
    expect(within(row).queryByRole('form')).toBeNull();
  });

  it('sets the addresses a self-check machine may log in from, and shows them', async () => {
    let allowedAddresses: string[] = [];
    const calls = adminRoutes([
      [
        'GET',
        '/api/v1/libraries/3/terminals',
        () => ({ body: { terminals: [{ ...terminal, allowedAddresses }], selfCheck } }),
      ],
      [
        'PUT',
        '/api/v1/terminals/9/allowed-addresses',
        () => {
          allowedAddresses = ['10.20.0.0/16', '2001:db8::/32'];
          return { body: { allowedAddresses } };
        },
      ],
    ]);
    renderAt('/admin/terminals');
    const row = (await screen.findByText('kiosk-1')).closest('tr')!;
    expect(within(row).getByText('모든 주소')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: '허용 주소 설정' }));
    const form = within(row).getByRole('form', { name: 'kiosk-1 기기의 허용 주소' });
    const field = within(form).getByLabelText('허용 주소 (한 줄에 하나)');
    expect(field.getAttribute('aria-describedby')).toBeTruthy();
    expect(within(form).getByText(/비워 두면 어느 주소에서나 로그인할 수 있습니다/)).toBeTruthy();
    fireEvent.change(field, { target: { value: '10.20.3.4/16\n 2001:DB8::1/32 \n' } });
    fireEvent.submit(form);
    expect(
      await screen.findByText(
        'kiosk-1 기기는 이제 10.20.0.0/16, 2001:db8::/32에서만 로그인할 수 있습니다.',
      ),
    ).toBeTruthy();
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      allowedAddresses: ['10.20.3.4/16', '2001:DB8::1/32'],
    });
    expect(await within(row).findByText('10.20.0.0/16, 2001:db8::/32')).toBeTruthy();
    expect(within(row).queryByRole('form')).toBeNull();
  });
});
