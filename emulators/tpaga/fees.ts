/**
 * Tpaga's fee and the Colombian withholdings on a charge (reference §3.7). Only one
 * real charge is on record: 4500 → fee 868, reteRenta 68, reteICA 19, reteIVA 0,
 * net 3545, with net = amount − fee − reteRenta − reteICA − reteIVA. The formulas are
 * the emulator's; the default rates reproduce that charge exactly:
 *
 *   base      = amount − taxAmount − iacAmount − tipAmount   (withholdings apply to the net sale)
 *   fee       = round((amount × feePercent% + feeFixed) × (1 + feeVatPercent%))   (2.99% + 595, IVA 19%)
 *   reteRenta = round(base × 1.5%)        (retención en la fuente for card sales)
 *   reteICA   = round(base × 0.414%)      (Bogotá ICA, 4.14 per thousand)
 *   reteIVA   = round(taxAmount × 15%)    (15% of the IVA)
 *   net       = amount − fee − reteRenta − reteICA − reteIVA   (negative for tiny amounts)
 *
 * Amounts are whole pesos rounded half up.
 */
import type { TpagaRates } from './state.ts';

export const DEFAULT_RATES: TpagaRates = {
  feePercent: 2.99,
  feeFixed: 595,
  feeVatPercent: 19,
  reteRentaPercent: 1.5,
  reteIcaPercent: 0.414,
  reteIvaPercent: 15,
};

export interface ChargeAmounts {
  amount: number;
  taxAmount: number;
  iacAmount: number;
  tipAmount: number;
}

export interface Fees {
  tpagaFeeAmount: number;
  reteRentaAmount: number;
  reteIcaAmount: number;
  reteIvaAmount: number;
  netAmount: number;
}

/** Half up to whole pesos; toFixed first so that 67.4999999 (a float artefact of 67.5) rounds up. */
const pesos = (x: number): number => Math.round(Number(x.toFixed(6)));
const percentOf = (value: number, percent: number): number => (value * percent) / 100;

export function computeFees(a: ChargeAmounts, rates: TpagaRates): Fees {
  const base = Math.max(0, a.amount - a.taxAmount - a.iacAmount - a.tipAmount);
  const tpagaFeeAmount = pesos((percentOf(a.amount, rates.feePercent) + rates.feeFixed) * (1 + rates.feeVatPercent / 100));
  const reteRentaAmount = pesos(percentOf(base, rates.reteRentaPercent));
  const reteIcaAmount = pesos(percentOf(base, rates.reteIcaPercent));
  const reteIvaAmount = pesos(percentOf(a.taxAmount, rates.reteIvaPercent));
  const netAmount = Number((a.amount - tpagaFeeAmount - reteRentaAmount - reteIcaAmount - reteIvaAmount).toFixed(2));
  return { tpagaFeeAmount, reteRentaAmount, reteIcaAmount, reteIvaAmount, netAmount };
}

/** A declined or failed charge moves no money. */
export const NO_FEES: Fees = { tpagaFeeAmount: 0, reteRentaAmount: 0, reteIcaAmount: 0, reteIvaAmount: 0, netAmount: 0 };

/** Response amounts are strings with two decimals ("4500.00"). */
export const formatAmount = (n: number): string => (Object.is(n, -0) ? 0 : n).toFixed(2);
