// The pure parts: fees, the refund window and the charge lifecycle.
import { describe, expect, it } from 'vitest';
import { computeFees, DEFAULT_RATES, formatAmount } from '../../emulators/tpaga/fees.ts';
import { decide, dueToSettle, refund, settlesAt } from '../../emulators/tpaga/machine.ts';
import { cardTypeOf } from '../../emulators/tpaga/validation.ts';
import { luhnValid } from '../../emulators/kernel/redact.ts';
import { tpagaScenarios } from '../../scenarios/tpaga.ts';

const zero = { taxAmount: 0, iacAmount: 0, tipAmount: 0 };

describe('fees', () => {
  it('reproduce the one observed charge: 4500 → 868, 68, 19, 0, net 3545', () => {
    expect(computeFees({ amount: 4500, ...zero }, DEFAULT_RATES)).toEqual({ tpagaFeeAmount: 868, reteRentaAmount: 68, reteIcaAmount: 19, reteIvaAmount: 0, netAmount: 3545 });
  });

  it('net is always amount minus fee and withholdings, whatever the rates and amounts', () => {
    for (const amount of [1, 99, 1000, 4500, 123457, 9_999_999]) {
      for (const taxAmount of [0, Math.floor(amount * 0.16)]) {
        const f = computeFees({ amount, taxAmount, iacAmount: 0, tipAmount: 0 }, DEFAULT_RATES);
        expect(f.netAmount).toBe(amount - f.tpagaFeeAmount - f.reteRentaAmount - f.reteIcaAmount - f.reteIvaAmount);
        expect(f.reteIvaAmount).toBe(Math.round(taxAmount * 0.15));
      }
    }
  });

  it('round half up to whole pesos despite float artefacts (67.5 → 68)', () => {
    expect(computeFees({ amount: 4500, ...zero }, { ...DEFAULT_RATES, reteRentaPercent: 1.5 }).reteRentaAmount).toBe(68);
    expect(computeFees({ amount: 100, ...zero }, { ...DEFAULT_RATES, reteIcaPercent: 0.5 }).reteIcaAmount).toBe(1);
  });

  it('withholdings apply to the amount without tax, IAC and tip', () => {
    const f = computeFees({ amount: 12000, taxAmount: 1000, iacAmount: 500, tipAmount: 500 }, DEFAULT_RATES);
    expect(f.reteRentaAmount).toBe(150);
  });

  it('format as two-decimal strings', () => {
    expect([formatAmount(4500), formatAmount(0), formatAmount(-0), formatAmount(10.5), formatAmount(-12)]).toEqual(['4500.00', '0.00', '0.00', '10.50', '-12.00']);
  });
});

describe('charge lifecycle', () => {
  const t0 = Date.parse('2026-03-10T15:00:00Z'); // 10:00 in Bogotá
  it('a same-day window ends at the next midnight in Bogotá (05:00 UTC)', () => {
    expect(new Date(settlesAt(t0, 'same-day')).toISOString()).toBe('2026-03-11T05:00:00.000Z');
    expect(new Date(settlesAt(Date.parse('2026-03-11T04:59:59Z'), 'same-day')).toISOString()).toBe('2026-03-11T05:00:00.000Z');
    expect(new Date(settlesAt(Date.parse('2026-03-11T05:00:00Z'), 'same-day')).toISOString()).toBe('2026-03-12T05:00:00.000Z');
    expect(settlesAt(t0, '24h') - t0).toBe(86_400_000);
  });

  it('refund: authorized → voided inside the window; refusals are explicit', () => {
    const settles = new Date(settlesAt(t0, 'same-day')).toISOString();
    expect(refund({ status: 'authorized', settlesAt: settles }, t0)).toEqual({ status: 'voided', paid: false });
    expect(refund({ status: 'authorized', settlesAt: settles }, Date.parse(settles))).toEqual({ refused: 'settled' });
    expect(refund({ status: 'settled', settlesAt: settles }, t0)).toEqual({ refused: 'settled' });
    expect(refund({ status: 'voided', settlesAt: settles }, t0)).toEqual({ refused: 'already-voided' });
    for (const status of ['processor_declined', 'fraudulent', 'created'] as const) expect(refund({ status, settlesAt: settles }, t0)).toEqual({ refused: 'not-authorized' });
    expect(dueToSettle({ status: 'authorized', settlesAt: settles }, Date.parse(settles))).toBe(true);
    expect(dueToSettle({ status: 'voided', settlesAt: settles }, Date.parse(settles))).toBe(false);
  });

  it('decide: approve → 201 authorized; decline → 402 with its code and status', () => {
    expect(decide({ kind: 'approve' })).toMatchObject({ httpStatus: 201, status: 'authorized', paid: true, errorCode: '00', errorMessage: 'Approved' });
    expect(decide({ kind: 'decline', errorCode: '43', errorMessage: 'Stolen card, pick up', status: 'processor_declined' })).toMatchObject({ httpStatus: 402, paid: false, errorCode: '43' });
  });
});

describe('scenario catalog', () => {
  it('every trigger card is Luhn-valid, of an accepted brand, unique, and every code of the reference is there', () => {
    const cards = tpagaScenarios.map((s) => s.trigger!.card as string);
    expect(new Set(cards).size).toBe(cards.length);
    for (const pan of cards) {
      expect(luhnValid(pan)).toBe(true);
      expect(cardTypeOf(pan)).toBeDefined();
    }
    const codes = tpagaScenarios.map((s) => s.outcome.errorCode);
    for (const code of ['00', '04', '14', '41', '43', '51', '54', '56', '57', '61', '62', '65', '91', '9999', '']) expect(codes).toContain(code);
    expect(tpagaScenarios.map((s) => s.outcome.status)).toEqual(expect.arrayContaining(['authorized', 'processor_declined', 'fraudulent', 'created']));
    expect(tpagaScenarios.map((s) => s.outcome.httpStatus)).toEqual(expect.arrayContaining([201, 402, 502, 504]));
  });
});
