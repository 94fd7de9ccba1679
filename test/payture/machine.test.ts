// The order state machine (reference §8) as pure functions.
import { describe, expect, it } from 'vitest';
import { authorize, charge, decline, displayAmount, isRefusal, refund, unblock, type OrderFacts } from '../../emulators/payture/machine.ts';

const order = (over: Partial<OrderFacts> = {}): OrderFacts => ({ state: 'New', sessionType: 'Block', amount: 1000, authorized: 0, charged: 0, settled: 0, refunds: 0, ...over });
const held = () => ({ ...order(), ...authorize(order()) });
const paid = () => ({ ...order({ sessionType: 'Pay' }), ...authorize(order({ sessionType: 'Pay' })) });

describe('order state machine', () => {
  it('Pay charges, Block holds; a decline is Rejected or, when technical, Error', () => {
    expect(authorize(order({ sessionType: 'Pay' }))).toMatchObject({ state: 'Charged', charged: 1000, authorized: 0 });
    expect(authorize(order())).toMatchObject({ state: 'Authorized', authorized: 1000, charged: 0 });
    expect(decline(order(), false).state).toBe('Rejected');
    expect(decline(order(), true).state).toBe('Error');
  });

  it('Charge: the whole hold by default, a part releases the rest, more than held is AMOUNT_ERROR', () => {
    expect(charge(held(), undefined)).toMatchObject({ state: 'Charged', charged: 1000 });
    expect(charge(held(), 600)).toMatchObject({ state: 'Charged', charged: 600, authorized: 0 });
    expect(charge(held(), 1001)).toMatchObject({ refused: 'AMOUNT_ERROR' });
    expect(charge(paid(), 10)).toMatchObject({ refused: 'ILLEGAL_ORDER_STATE' });
  });

  it('Unblock: all → Voided NewAmount 0; part (legacy) keeps Authorized with the rest; off → all', () => {
    expect(unblock(held(), undefined, true)).toMatchObject({ state: 'Voided', newAmount: 0, settled: 1000 });
    expect(unblock(held(), 300, true)).toMatchObject({ state: 'Authorized', authorized: 700, newAmount: 700 });
    expect(unblock(held(), 300, false)).toMatchObject({ state: 'Voided', newAmount: 0 });
    expect(unblock(held(), 1500, true)).toMatchObject({ refused: 'AMOUNT_ERROR' });
    expect(unblock(paid(), undefined, true)).toMatchObject({ refused: 'ILLEGAL_ORDER_STATE' });
  });

  it('Refund: partial and repeated until Refunded; above the rest AMOUNT_ERROR; a refund limit gives RETRY_LIMIT_EXCEEDED', () => {
    let o = paid();
    const first = refund(o, 300);
    if (isRefusal(first)) throw new Error('refused');
    expect(first).toMatchObject({ state: 'Charged', charged: 700, newAmount: 700, refunds: 1 });
    o = { ...o, ...first };
    expect(displayAmount(o)).toBe(700);
    expect(refund(o, 701)).toMatchObject({ refused: 'AMOUNT_ERROR' });
    expect(refund(o, 100, 1)).toMatchObject({ refused: 'RETRY_LIMIT_EXCEEDED' });
    const last = refund(o, undefined);
    if (isRefusal(last)) throw new Error('refused');
    expect(last).toMatchObject({ state: 'Refunded', newAmount: 0, refunds: 2 });
    o = { ...o, ...last };
    expect(displayAmount(o)).toBe(1000);
    expect(refund(o, 1)).toMatchObject({ refused: 'ILLEGAL_ORDER_STATE' });
    expect(refund(held(), 1)).toMatchObject({ refused: 'ILLEGAL_ORDER_STATE' });
  });

  it('GetState Amount: what is held or charged now, and what was for closed orders', () => {
    expect(displayAmount(order())).toBe(1000);
    expect(displayAmount(held())).toBe(1000);
    const voided = { ...held(), ...(unblock(held(), undefined, true) as object) } as OrderFacts;
    expect(displayAmount(voided)).toBe(1000);
  });
});
