/**
 * URLs that clients and merchant settings give the sandbox (return, cancel, success and
 * failure pages, Payture `Url` and `TermUrl`, notification receivers). Pages, redirects and
 * the 3-D Secure simulator follow only http: and https: URLs; anything else (javascript:,
 * data:, file:) would run script on the emulator's origin, which is also its admin API's.
 */

/** The URL when it is an absolute http: or https: URL, else undefined. */
export function webUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string' || value.length > 8192) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}

/** For an `href`, a `Location` or a form `action`: the URL as given when it is a web URL, else undefined. */
export const safeHref = (value: unknown): string | undefined => (webUrl(value) ? (value as string) : undefined);

/**
 * Why a notification must not go to this URL, or undefined when it may: only http(s)
 * receivers, and never an admin path (`/__admin/…` of this or another Pasarela), so a
 * notification cannot reset or reconfigure the sandbox.
 */
export function notificationRefusal(value: string): string | undefined {
  const url = webUrl(value);
  if (!url) return `only http: and https: receivers are notified (got ${JSON.stringify(value.slice(0, 80))})`;
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    /* keep it encoded */
  }
  if (/^\/*__admin(\/|$)/i.test(path.replace(/\/{2,}/g, '/'))) return 'a notification never goes to a Pasarela admin path (/__admin/…)';
  return undefined;
}
