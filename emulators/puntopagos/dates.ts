/** Local date-times of the payment fields: `yyyy-MM-ddTHH:mm:ss` without zone (reference §2.5), Chile by default. */
export const DEFAULT_TIME_ZONE = 'America/Santiago';

const formats = new Map<string, Intl.DateTimeFormat>();

export function localDateTime(ms: number, timeZone = DEFAULT_TIME_ZONE): string {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

/** `yyyy-MM-dd` one month after a local date-time (first installment due date). */
export function nextMonth(local: string): string {
  const [y, m, d] = local.slice(0, 10).split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d, last))).toISOString().slice(0, 10);
}
