/**
 * Amounts as PuntoPagos signs them (reference §3.1): two decimals, `.` as separator, no
 * thousands separator (`1000000.00`). The arithmetic is done on decimal digits, never
 * on binary floats, so `"10.005"` → `10.01` and `0.1 + 0.2` → `0.30`. Rounding is half
 * away from zero, as .NET's `ToString("0.00")` does (emulator choice, docs/puntopagos.md).
 */

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export class AmountError extends RangeError {}

/** `{ negative, digits, scale }` with value = ±digits × 10^-scale, or undefined when not a decimal. */
export function parseDecimal(input: string): { negative: boolean; digits: bigint; scale: number } | undefined {
  const m = DECIMAL.exec(input.trim());
  if (!m) return undefined;
  const [, sign, int = '', frac = '', exp = '0'] = m;
  if (int === '' && frac === '') return undefined;
  const exponent = Number(exp);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) return undefined;
  let digits = BigInt(`${int}${frac}` || '0');
  let scale = frac.length - exponent;
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { negative: sign === '-', digits, scale };
}

/** Text of a number or numeric string; JS numbers use their shortest round-trip form. */
function decimalText(value: number | string | bigint): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AmountError(`The amount ${value} is not a finite number`);
    return String(value);
  }
  if (typeof value === 'string') return value;
  throw new AmountError(`The amount must be a number or a numeric string, not ${value === null ? 'null' : typeof value}`);
}

/** Hundredths (cents) of an amount, rounded half away from zero. */
export function toHundredths(value: number | string | bigint): bigint {
  const text = decimalText(value);
  const parsed = parseDecimal(text);
  if (!parsed) throw new AmountError(`"${text}" is not a decimal amount`);
  const { negative, digits, scale } = parsed;
  let cents: bigint;
  if (scale <= 2) cents = digits * 10n ** BigInt(2 - scale);
  else {
    const unit = 10n ** BigInt(scale - 2);
    cents = digits / unit;
    if ((digits % unit) * 2n >= unit) cents += 1n;
  }
  return negative ? -cents : cents;
}

/** `1000000` → `"1000000.00"`, `"100.5"` → `"100.50"`, `"10.005"` → `"10.01"`. */
export function formatAmount(value: number | string | bigint): string {
  return formatHundredths(toHundredths(value));
}

export function formatHundredths(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
