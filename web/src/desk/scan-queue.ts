import { useCallback, useRef, useState } from 'react';

/**
 * Scans that come faster than their answers (a scanner reading a book twice, a stack of books on a
 * slow line). Each scan leaves its field the moment its Enter arrives, so the next one types into
 * an empty field and loses no character, and is sent only after the one before it has its answer,
 * in the order scanned. A refusal holds the scans after it: staff read the refusal first, then go
 * on (the next scan, or "go on") or drop them.
 *
 * `send` answers whether the scan was done (false: refused, and the page shows why).
 */
export function useScanQueue(send: (barcode: string) => Promise<boolean>) {
  const latestSend = useRef(send);
  latestSend.current = send;
  const queue = useRef<string[]>([]);
  const sending = useRef(false);
  const holding = useRef(false);
  const [waiting, setWaiting] = useState<readonly string[]>([]);
  const [held, setHeld] = useState(false);

  const show = useCallback(() => {
    setWaiting([...queue.current]);
    setHeld(holding.current && queue.current.length > 0);
  }, []);

  const drain = useCallback(async () => {
    if (sending.current) return;
    sending.current = true;
    try {
      while (queue.current.length > 0 && !holding.current) {
        const barcode = queue.current.shift() as string;
        show();
        const done = await latestSend.current(barcode);
        if (!done) holding.current = true;
      }
    } finally {
      sending.current = false;
      if (queue.current.length === 0) holding.current = false;
      show();
    }
  }, [show]);

  /** A new scan: after those waiting, and it goes on past a refusal already read. */
  const scan = useCallback(
    (barcode: string) => {
      const trimmed = barcode.trim();
      if (!trimmed) return;
      queue.current.push(trimmed);
      holding.current = false;
      show();
      void drain();
    },
    [drain, show],
  );
  const goOn = useCallback(() => {
    holding.current = false;
    void drain();
  }, [drain]);
  const drop = useCallback(() => {
    queue.current = [];
    holding.current = false;
    show();
  }, [show]);
  /** Whether scans wait after the one being sent: a refused one is then not put back to mend. */
  const othersWaiting = useCallback(() => queue.current.length > 0, []);

  return { scan, waiting, held, goOn, drop, othersWaiting };
}

export type ScanQueue = ReturnType<typeof useScanQueue>;
