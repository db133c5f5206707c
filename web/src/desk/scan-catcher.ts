import { useEffect, useRef } from 'react';

/**
 * A scanner types a barcode's characters then Enter into whatever has the focus. When nothing
 * that takes text has it (the page is still changing after sign-in, or a button was just clicked),
 * those keys would be lost: the catcher keeps them and hands them to the desk's scan field.
 */

/** One scan caught: the characters, and whether the scanner's Enter came after them. */
export interface CaughtScan {
  text: string;
  entered: boolean;
}

type Consumer = (scan: CaughtScan) => void;

const SCAN_CHARACTER = /^[0-9A-Za-z-]$/;
const MAX_BUFFER = 64;
/** Inputs a scan cannot go into: a key on a checkbox is not typing. */
const NOT_TEXT = new Set([
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'file',
  'range',
  'color',
]);

let buffer = '';
let pendingEnter = false;
let consumer: Consumer | null = null;

function takesText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return !NOT_TEXT.has(target.type);
  return ['TEXTAREA', 'SELECT'].includes(target.tagName);
}

function deliver() {
  if (!consumer || (!buffer && !pendingEnter)) return;
  const scan = { text: buffer, entered: pendingEnter };
  buffer = '';
  pendingEnter = false;
  consumer(scan);
}

function onKeyDown(event: KeyboardEvent) {
  if (event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
  if (takesText(event.target) || takesText(document.activeElement)) {
    // Typing into a field (the password after a wrong one, say): nothing is waiting any more.
    buffer = '';
    pendingEnter = false;
    return;
  }
  if (SCAN_CHARACTER.test(event.key)) {
    event.preventDefault();
    if (pendingEnter) {
      buffer = '';
      pendingEnter = false;
    }
    buffer = (buffer + event.key).slice(-MAX_BUFFER);
    deliver();
  } else if (event.key === 'Enter' && buffer) {
    // The scanner's Enter after caught characters: not a click on the focused button.
    event.preventDefault();
    pendingEnter = true;
    deliver();
  }
}

/** The desk listens from its first moment (the sign-in form included): install once per desk. */
export function useScanCatcher() {
  useEffect(() => {
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      buffer = '';
      pendingEnter = false;
    };
  }, []);
}

/**
 * The scan field that takes caught keys (the last one mounted wins); what was caught before it
 * mounted (typed while the desk was opening) is handed over at once.
 */
export function useCaughtScans(take: Consumer) {
  const latest = useRef(take);
  latest.current = take;
  useEffect(() => {
    const mine: Consumer = (scan) => latest.current(scan);
    consumer = mine;
    deliver();
    return () => {
      if (consumer === mine) consumer = null;
    };
  }, []);
}

/**
 * Puts caught characters into their field and the cursor after them. The field's own value is
 * written at once, not only on the next render: the scanner's next keys go straight into the
 * focused field and must follow the caught ones, not replace them.
 */
export function placeScan(field: HTMLInputElement, text: string) {
  field.value = text;
  field.focus();
}
