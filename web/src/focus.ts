import { useEffect, useRef } from 'react';

/**
 * Where the keyboard goes when a page opens: the field the page marks `data-autofocus` (a scan
 * field); else, when `firstField`, the first field of the page's first form (the desk: F8 puts the
 * cursor in the name, not the heading); else the page's heading, so a screen reader hears it.
 */
export function focusPageStart(firstField: boolean) {
  const field = firstField
    ? document.querySelector<HTMLElement>(
        'main form :is(input, select, textarea):not([type="hidden"]):not([disabled])',
      )
    : null;
  const target =
    document.querySelector<HTMLElement>('[data-autofocus]') ??
    field ??
    document.querySelector<HTMLElement>('main h1');
  target?.focus();
}

/**
 * Gives an answer the keyboard when the page lost it: a tapped button is disabled while its
 * request is on its way (or is replaced by the answer), which leaves the focus on the page, so the
 * next Tab — and a screen reader — would start again from the top. Focus still on something stays.
 * `answer` is what was said (a refusal, a result); the element needs `tabIndex={-1}`.
 */
export function useFocusWhenLost<T extends HTMLElement>(answer: unknown) {
  const element = useRef<T>(null);
  useEffect(() => {
    if (!answer) return;
    const active = document.activeElement;
    if (active === null || active === document.body) element.current?.focus();
  }, [answer]);
  return element;
}
