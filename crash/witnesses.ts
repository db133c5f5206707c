import type { Op } from './workload.js';

/**
 * The operations behind a violation, so a failed run (in CI, say) can be explained from what its
 * clients did, not only from the code: the operations the violation names (`#id`), and every
 * operation of the same member, card or copy, in the order they were sent.
 */
export function operationsBehind(violation: string, ops: Op[]): Op[] {
  const named = new Set([...violation.matchAll(/#(\d+)/g)].map((m) => Number(m[1])));
  const members = new Set([...violation.matchAll(/\bmember (\d+)/g)].map((m) => Number(m[1])));
  const cards = new Set<string>();
  const barcodes = new Set<string>();
  // "requests <member>:<barcode>: …" (the placements of a member and title).
  const placements = /\brequests (\d+):(\S+):/.exec(violation);
  if (placements) {
    members.add(Number(placements[1]));
    barcodes.add(placements[2]!);
  }
  for (const op of ops) {
    if (!named.has(op.id)) continue;
    if (op.memberId !== undefined) members.add(op.memberId);
    if (op.card) cards.add(op.card);
    if (op.barcode) barcodes.add(op.barcode);
  }
  return ops
    .filter(
      (op) =>
        named.has(op.id) ||
        (op.memberId !== undefined && members.has(op.memberId)) ||
        (op.card !== undefined && cards.has(op.card)) ||
        (op.barcode !== undefined && barcodes.has(op.barcode)),
    )
    .sort((a, b) => a.started - b.started || a.id - b.id);
}

/** A moment of the run, in seconds from its start. */
export const seconds = (at: number, runStart: number) => ((at - runStart) / 1000).toFixed(3);

/** One operation on one line, its times in seconds from the run's start. */
export function describeOperation(op: Op, runStart: number): string {
  const ended = op.ended ? seconds(op.ended, runStart) : 'never';
  const parts = [
    `#${op.id} ${op.channel} ${op.kind} at library ${op.libraryId}`,
    op.card ? `card ${op.card}` : '',
    op.memberId !== undefined ? `member ${op.memberId}` : '',
    op.barcode ? `item ${op.barcode}` : '',
    `${seconds(op.started, runStart)}–${ended} s`,
    `${op.outcome}${op.code ? ` ${op.code}` : ''}`,
    op.attempts > 1 ? `${op.attempts} attempts` : '',
    op.loanId !== undefined ? `loan ${op.loanId}` : '',
    op.holdId !== undefined ? `hold ${op.holdId}` : '',
    op.requestId !== undefined ? `request ${op.requestId}` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

/** At most `count` of a violation's operation lines, centred on the first one it names. */
export function nearTheViolation(violation: string, lines: string[], count: number): string[] {
  const named = /#(\d+)/.exec(violation)?.[1];
  const at = named ? lines.findIndex((line) => line.startsWith(`#${named} `)) : -1;
  const from = at < 0 ? 0 : Math.max(0, Math.min(at - Math.floor(count / 2), lines.length - count));
  return lines.slice(from, from + count);
}
