/**
 * Splits a TCP byte stream into SIP2 messages. A message ends with CR; CRLF and a bare LF are
 * tolerated (the empty line between CR and LF is skipped). A line longer than `maxBytes` is
 * reported once, as soon as it is known to be too long, and its bytes are dropped up to its end.
 */

/** The longest message accepted by default, in bytes (without the line end). */
export const DEFAULT_MAX_MESSAGE_BYTES = 8192;

export type Frame = { ok: true; bytes: Uint8Array } | { ok: false; error: 'too-long' };

export interface FrameReader {
  /** Takes the next chunk of the stream; returns the frames it completed, in order. */
  push(chunk: Uint8Array): Frame[];
  /** Bytes held of a message not yet ended. */
  readonly buffered: number;
}

const CR = 0x0d;
const LF = 0x0a;

export function createFrameReader(maxBytes = DEFAULT_MAX_MESSAGE_BYTES): FrameReader {
  let parts: Uint8Array[] = [];
  let size = 0;
  let discarding = false;

  const collect = (bytes: Uint8Array) => {
    if (bytes.length === 0) return;
    size += bytes.length;
    if (!discarding) parts.push(bytes.slice());
  };

  const overflow = (frames: Frame[]) => {
    if (discarding || size <= maxBytes) return;
    discarding = true;
    parts = [];
    frames.push({ ok: false, error: 'too-long' });
  };

  const endLine = (frames: Frame[]) => {
    overflow(frames);
    if (!discarding && size > 0) frames.push({ ok: true, bytes: join(parts, size) });
    parts = [];
    size = 0;
    discarding = false;
  };

  return {
    push(chunk) {
      const frames: Frame[] = [];
      let start = 0;
      for (let index = 0; index < chunk.length; index++) {
        if (chunk[index] !== CR && chunk[index] !== LF) continue;
        collect(chunk.subarray(start, index));
        endLine(frames);
        start = index + 1;
      }
      collect(chunk.subarray(start));
      overflow(frames);
      return frames;
    },
    get buffered() {
      return discarding ? 0 : size;
    },
  };
}

function join(parts: readonly Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}
