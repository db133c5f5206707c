import { describe, expect, it } from 'vitest';
import { answerLost, LOST_ANSWER_KEEP_MS, LostAnswers } from './lost-answers';

const CHECKOUT =
  'POST /api/v1/checkouts\n{"cardNumber":"29000000000023","itemBarcode":"JYL0000013"}';
const OTHER_ITEM =
  'POST /api/v1/checkouts\n{"cardNumber":"29000000000023","itemBarcode":"JYL0000014"}';

describe('the key of a write whose answer was lost', () => {
  it('is sent again with the same write, and with no other', () => {
    const lost = new LostAnswers();
    const first = lost.keyFor(CHECKOUT, 'k1');
    lost.settle(CHECKOUT, first, true);
    expect(lost.keyFor(CHECKOUT, 'k2')).toBe('k1');
    expect(lost.keyFor(OTHER_ITEM, 'k3')).toBe('k3');
  });

  it('ends with any answer that says what happened: the next same write is a new one', () => {
    const lost = new LostAnswers();
    lost.settle(CHECKOUT, lost.keyFor(CHECKOUT, 'k1'), true);
    lost.settle(CHECKOUT, lost.keyFor(CHECKOUT, 'k2'), false);
    expect(lost.keyFor(CHECKOUT, 'k3')).toBe('k3');
  });

  it('is the same for two clicks at once, and the first answer ends it', () => {
    const lost = new LostAnswers();
    const a = lost.keyFor(CHECKOUT, 'k1');
    const b = lost.keyFor(CHECKOUT, 'k2');
    expect(b).toBe(a);
    lost.settle(CHECKOUT, b, true); // 409: the first is still being processed
    lost.settle(CHECKOUT, a, false);
    expect(lost.keyFor(CHECKOUT, 'k3')).toBe('k3');
  });

  it('is forgotten when the write was not sent again for a while', () => {
    let now = 0;
    const lost = new LostAnswers(LOST_ANSWER_KEEP_MS, () => now);
    lost.settle(CHECKOUT, lost.keyFor(CHECKOUT, 'k1'), true);
    now += LOST_ANSWER_KEEP_MS - 1;
    lost.settle(CHECKOUT, lost.keyFor(CHECKOUT, 'k2'), true);
    now += LOST_ANSWER_KEEP_MS - 1;
    expect(lost.keyFor(CHECKOUT, 'k3')).toBe('k1');
    now += LOST_ANSWER_KEEP_MS;
    expect(lost.keyFor(CHECKOUT, 'k4')).toBe('k4');
  });

  it('counts no answer, a 5xx and "still being processed" as lost; a refusal or "applied" as an answer', () => {
    expect(answerLost(0, [])).toBe(true);
    expect(answerLost(503, [{}])).toBe(true);
    expect(answerLost(500, [{}])).toBe(true);
    expect(answerLost(409, [{ params: { state: 'in-progress' } }])).toBe(true);
    expect(answerLost(409, [{ params: { state: 'applied', id: 7 } }])).toBe(false);
    expect(answerLost(422, [{}])).toBe(false);
    expect(answerLost(201, [])).toBe(false);
  });
});
