/**
 * Bad input on every route of every provider: whatever the path parameters, body,
 * content type and credentials, the answer is the provider's own (never a 500) and
 * nothing is logged as an unexpected error. Generated with fast-check from a fixed seed,
 * so a failure replays.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operations } from '../../contracts/index.ts';
import type { Sandbox } from '../../emulators/index.ts';

export interface Target {
  sandbox(): Sandbox;
  base(provider: string): string;
  /** Unexpected errors the sandbox logged so far. */
  errors(): string[];
}

const PARAMS = ['1', '0', '-1', '99999999999999999999999', 'abc', '%ff', '%00', 'null', '..', 'a'.repeat(300)];
/** Payture dispatches `/{family}/{command}`: the real command names, from its contracts. */
const PAYTURE_FAMILIES: Record<string, string> = { api: '/api', inpay: '/apim', ewallet: '/vwapi' };
const paytureCommands = () =>
  operations('payture')
    .filter((op) => op.endsWith('.request') && op.includes('-'))
    .map((op) => {
      const [family, command] = op.replace(/\.request$/, '').split('-') as [string, string];
      return `${PAYTURE_FAMILIES[family]}/${command}`;
    });

const bodyArb = fc.oneof(
  fc.constantFrom('', '{', 'null', '[]', '"x"', '123', '\u0000\uffff', '<x>', 'a=1&b=%ZZ', 'PayInfo=%%%%;;==;PAN', '{"__proto__":{"x":1}}'),
  fc.json(),
  fc.dictionary(fc.constantFrom('auth', 'trx_id', 'monto', 'medio_pago', 'amount', 'currency', 'token', 'customer', 'creditCard', 'internalReference', 'action', 'payment', 'Key', 'DATA', 'PayInfo', 'OrderId', 'Amount'), fc.jsonValue()).map((o) => JSON.stringify(o)),
  fc.dictionary(fc.constantFrom('Key', 'Password', 'VWID', 'OrderId', 'Amount', 'PayInfo', 'DATA', 'Data', 'SessionId', 'cardNumber', 'outcome', 'medio_pago'), fc.string()).map((o) => new URLSearchParams(o).toString()),
);
const typeArb = fc.constantFrom(undefined, 'application/json', 'application/x-www-form-urlencoded', 'text/plain', 'text/xml', 'multipart/form-data; boundary=b');
const headerArb = fc.constantFrom<Record<string, string>>(
  {},
  { authorization: `Basic ${Buffer.from('sandbox-private-key:').toString('base64')}` },
  { authorization: `Basic ${Buffer.from('sandbox-public-key:').toString('base64')}` },
  { authorization: 'Basic %%%' },
  { fecha: 'garbage', autorizacion: 'PP sandbox-key:xx' },
  { fecha: new Date().toUTCString(), autorizacion: 'PP sandbox-key:' },
  { 'x-pasarela-scenario': 'approved' },
);

export function robustnessCases(t: Target, providers: readonly string[]) {
  describe.each(providers.map((p) => [p]))('%s: bad input never gets a 500', (provider) => {
    it('on every route, with generated bodies, types, parameters and credentials', { timeout: 120_000 }, async () => {
      const routes = t.sandbox().provider(provider).routes();
      const paths = routes.flatMap((r) =>
        r.path.includes(':command') && provider === 'payture' ? paytureCommands().map((path) => ({ method: r.method, path })) : [r],
      );
      expect(paths.length).toBeGreaterThan(2);
      const before = t.errors().length;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...paths), fc.constantFrom(...PARAMS), bodyArb, typeArb, headerArb, async (route, param, body, type, headers) => {
          const path = route.path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, param);
          const method = route.method === 'ALL' ? 'POST' : route.method;
          const res = await fetch(`${t.base(provider)}${path}`, {
            method,
            headers: { ...(type ? { 'content-type': type } : {}), ...headers },
            body: method === 'GET' || method === 'HEAD' ? undefined : body,
          });
          await res.arrayBuffer();
          expect(res.status, `${method} ${path} [${type}] ${body.slice(0, 80)}`).toBeLessThan(500);
        }),
        { numRuns: 400, seed: 20261123 },
      );
      expect(t.errors().slice(before)).toEqual([]);
    });
  });
}
