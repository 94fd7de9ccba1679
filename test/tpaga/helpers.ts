/** Shared plumbing of the Tpaga cases: raw calls, the client, and a stored card in one step. */
import { expect } from 'vitest';
import { basicAuthorization } from '../../clients/tpaga/auth.ts';
import { Tpaga } from '../../clients/tpaga/index.ts';
import type { CreditCard, Customer } from '../../clients/tpaga/types.ts';
import { validate } from '../../contracts/index.ts';
import type { Sandbox } from '../../emulators/index.ts';

export interface Target {
  /** API base, `…/api`. */
  base(): string;
  sandbox(): Sandbox;
}

export const PRIVATE = 'sandbox-private-key';
export const PUBLIC = 'sandbox-public-key';
/** Tuesday 10 March 2026, 10:00 in Bogotá: far from midnight, cards expiring 2030 are valid. */
export const FROZEN_AT = '2026-03-10T15:00:00.000Z';

export const card = (pan = '4111111111111111', extra: Record<string, unknown> = {}) => ({
  primaryAccountNumber: pan,
  cardHolderName: 'Numa Nigerio',
  expirationMonth: '03',
  expirationYear: '2030',
  cvc: '123',
  ...extra,
});

export function helpers(t: Target) {
  const call = async (method: string, path: string, body?: unknown, key: string | null = PRIVATE, headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.base()}${path}`, {
      method,
      headers: {
        ...(key === null ? {} : { authorization: basicAuthorization(key) }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
  const client = (o: Partial<ConstructorParameters<typeof Tpaga>[0]> = {}) =>
    new Tpaga({ privateKey: PRIVATE, publicKey: PUBLIC, baseUrl: t.base(), validate: true, ...o });

  /** A customer with one stored card of this number. */
  async function storedCard(pan = '4111111111111111', o: { customer?: Record<string, unknown>; card?: Record<string, unknown>; key?: string; publicKey?: string } = {}) {
    const c = client({ privateKey: o.key ?? PRIVATE, publicKey: o.publicKey ?? PUBLIC });
    const customer: Customer = await c.createCustomer(o.customer ?? { firstName: 'Horns and Hoofs', email: 'hornsandhoofs@example.com' });
    const { token } = await c.tokenize(card(pan, o.card) as never);
    const stored: CreditCard = await c.associateCard(customer.id, token);
    return { customer, card: stored, client: c };
  }

  /** A 4xx/5xx in the errors envelope, valid against its contract. */
  function expectErrors(res: { status: number; json: any }, status: number, contract = status === 422 ? 'validation-error.response' : status === 401 ? 'unauthorized.response' : 'error.response') {
    expect(res.status).toBe(status);
    expect(Object.keys(res.json)).toEqual(['errors']);
    expect(validate('tpaga', contract, res.json).errors).toEqual([]);
    return res.json.errors as { object: string | null; field: string | null; 'rejected-value': unknown; message: string }[];
  }

  return { call, client, storedCard, expectErrors };
}

/** Merchants the cases rely on besides the default keys. */
export const caseMerchants = {
  tpaga: [
    // The demo keys published in Tpaga's examples and in the seed.
    { privateKey: 'd13fr8n7vhvkuch3lq2ds5qhjnd2pdd2', publicKey: 'pk_test_qvbvuthlvqpijnr0elmtg5jh' },
    { privateKey: 'other-private-key', publicKey: 'other-public-key' },
    { privateKey: 'validating-private-key', publicKey: 'validating-public-key', validationCharge: true },
    { privateKey: 'cheap-private-key', publicKey: 'cheap-public-key', rates: { feePercent: 1, feeFixed: 0, feeVatPercent: 0 } },
  ],
};
