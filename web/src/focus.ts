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
