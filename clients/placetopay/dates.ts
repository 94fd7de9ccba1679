/** ISO 8601 with a numeric offset and second precision, the way PlacetoPay writes dates. */
/** A server formats the same few seconds (now, an expiry) many times a second. */
const recent = new Map<number, string>();

export function isoDateTime(date: Date | number, offsetMinutes = 0): string {
  const ms = typeof date === 'number' ? date : date.getTime();
  const key = Math.floor(ms / 1000) * 2000 + offsetMinutes;
  let text = recent.get(key);
  if (text === undefined) {
    text = format(ms, offsetMinutes);
    if (recent.size >= 16) recent.clear();
    recent.set(key, text);
  }
  return text;
}

function format(ms: number, offsetMinutes: number): string {
  const shifted = new Date(ms + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return shifted.toISOString().slice(0, 19) + offset;
}

/** PlacetoPay's servers run on Bogotá time. */
export const BOGOTA_OFFSET_MINUTES = -300;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses the ISO 8601 forms clients send (`date('c')`, `toISOString()`, with or without
 * fractions). A date without offset is read in `defaultOffsetMinutes` (the server's zone).
 */
export function parseIsoDateTime(text: string, defaultOffsetMinutes = BOGOTA_OFFSET_MINUTES): number | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  if (m[2]) {
    const ms = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return Number.isNaN(ms) ? undefined : ms;
  }
  const ms = Date.parse(`${text}Z`);
  return Number.isNaN(ms) ? undefined : ms - defaultOffsetMinutes * 60_000;
}
