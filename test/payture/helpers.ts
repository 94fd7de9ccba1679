/** Helpers for Payture tests: raw form calls, parsed XML, the ACS page walked like a browser. */
import { expect } from 'vitest';
import { parsePaytureXml, validate, type PaytureXml } from '../../contracts/index.ts';
import { Payture, type PaytureOptions } from '../../clients/payture/index.ts';
import type { Sandbox } from '../../emulators/index.ts';

export const KEY = 'sandbox-merchant';
export const PASSWORD = 'sandbox-password';

export interface PaytureTarget {
  /** Base URL for a family (MSW runs use a different real host per family). */
  base(family?: 'api' | 'inpay' | 'ewallet' | 'wallets'): string;
  sandbox(): Sandbox;
}

export type Form = Record<string, string | number | undefined>;

const form = (params: Form) => {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) out.set(k, String(v));
  return out;
};

export async function post(url: string, params: Form = {}): Promise<Response> {
  return fetch(url, { method: 'POST', body: form(params) });
}

export async function get(url: string, params: Form = {}): Promise<Response> {
  return fetch(`${url}?${form(params)}`);
}

/** Status, content type and body of a Payture XML answer, normalised. */
export async function xml(res: Response | Promise<Response>, status = 200): Promise<PaytureXml & { raw: string }> {
  const r = await res;
  const raw = await r.text();
  expect(r.status, raw).toBe(status);
  expect(r.headers.get('content-type')).toBe('text/xml; charset=utf-8');
  expect(raw.startsWith('<?xml')).toBe(false);
  return { ...parsePaytureXml(raw), raw };
}

/** Asserts the answer matches its response contract. */
export function conforms(operation: string, body: PaytureXml): void {
  const result = validate('payture', `${operation}.response`, { name: body.name, attributes: body.attributes, children: body.children });
  expect(result.errors, `${operation}: ${JSON.stringify(body)}`).toEqual([]);
}

export const client = (base: string, opts: Partial<PaytureOptions> = {}) => new Payture({ key: KEY, password: PASSWORD, baseUrl: base, validate: true, ...opts });

export const list = (fields: Record<string, string | number>) =>
  Object.entries(fields)
    .map(([k, v]) => `${k}=${v}`)
    .join(';');

export const card = (pan: string, extra: Record<string, string | number> = {}) => list({ PAN: pan, EMonth: 12, EYear: 30, CardHolder: 'Ivan Ivanov', SecureCode: 123, ...extra });

/** Hidden inputs and action of the first form of an HTML page. */
export function formOf(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1] ?? '';
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[m[1]!] = decodeHtml(m[2]!);
  return { action: decodeHtml(action), fields };
}

const decodeHtml = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * The browser's trip through the ACS simulator: POST PaReq/MD/TermUrl to ACSUrl, press a
 * button, read the auto-post form that goes back to TermUrl.
 */
export async function acs(challenge: { ACSUrl: string; PaReq: string; ThreeDSKey: string }, result: 'Y' | 'N' | 'U' = 'Y', termUrl = 'https://shop.example/3ds-return') {
  const page = await post(challenge.ACSUrl, { PaReq: challenge.PaReq, MD: challenge.ThreeDSKey, TermUrl: termUrl });
  const html = await page.text();
  expect(page.status, html).toBe(200);
  const { action, fields } = formOf(html);
  const answer = await post(new URL(action, challenge.ACSUrl).toString(), { ...fields, Result: result });
  const back = formOf(await answer.text());
  expect(back.action).toBe(termUrl);
  return { paRes: back.fields.PaRes!, md: back.fields.MD! };
}

let seq = 0;
export const orderId = (prefix = 'O') => `${prefix}-${Date.now().toString(36)}-${++seq}`;
