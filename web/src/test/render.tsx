import { cleanup, configure, render } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { App } from '../App';
import { setCsrfToken } from '../api/client';
import i18n from '../i18n';

// How long a findBy/waitFor waits for the page to show what it must: on CI's shared two cores,
// beside the other test files, a mocked answer and its render took over the default 1 s once
// (a hold's "예약되었습니다"). A bound on waiting, not a timed assertion: a page that never shows
// it still fails.
configure({ asyncUtilTimeout: 5000 });

/** Renders the whole app at `path` (the API is whatever mockApi answers). */
export function renderAt(path: string) {
  window.history.replaceState(null, '', path);
  return render(<App />);
}

/** Korean, signed-out, fresh API mock for every test. */
export function resetBetweenTests() {
  beforeEach(async () => {
    await i18n.changeLanguage('ko');
    setCsrfToken(null);
    globalThis.sessionStorage?.clear();
    // biome-ignore lint/suspicious/noDocumentCookie: the test plays the server setting the cookie
    document.cookie = 'lo_csrf=; max-age=0; path=/';
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });
}
