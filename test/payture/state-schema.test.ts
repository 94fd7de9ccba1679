// The Payture state in snapshots and the state file is checked against its schema before a
// restore: a malformed one is refused (400) and changes nothing; a good one round-trips.
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.ts';
import { card, KEY, list, orderId, post, xml } from './helpers.ts';

type Json = Record<string, any>;

describe('Payture state schema (snapshot / --state-file)', () => {
  const ref = useSandbox({ providers: ['payture'] });
  const base = () => ref.urls.payture!;
  const admin = (path: string, body?: unknown) =>
    fetch(`${base()}/__admin/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  const state = async (id: string) => (await xml(post(`${base()}/api/GetState`, { Key: KEY, OrderId: id }))).attributes;

  /** An order, a customer with a card, an Init session and a 3-D Secure step. */
  async function fill() {
    const paid = orderId('SS');
    await xml(post(`${base()}/api/Pay`, { Key: KEY, OrderId: paid, Amount: 100, PayInfo: card('4111111111100031') }));
    const who = { VWUserLgn: `ss-${paid.toLowerCase()}@example.com`, VWUserPsw: 'p' };
    await xml(post(`${base()}/vwapi/Register`, { VWID: KEY, DATA: list(who) }));
    const added = await xml(post(`${base()}/vwapi/Add`, { VWID: KEY, DATA: list({ ...who, CardNumber: '4111111111100031', EMonth: 12, EYear: 30, SecureCode: 123 }) }));
    expect(added.attributes.Success).toBe('True');
    await xml(post(`${base()}/apim/Init`, { Key: KEY, Data: list({ SessionType: 'Pay', OrderId: `${paid}-i`, Amount: 100 }) }));
    const three = await xml(post(`${base()}/api/Block`, { Key: KEY, OrderId: `${paid}-3`, Amount: 100, PayInfo: card('4111111111111111') }));
    expect(three.attributes.Success).toBe('3DS');
    return { paid, who };
  }

  it('round trip: a snapshot restores every order, customer, session and 3-D Secure step', async () => {
    const { paid, who } = await fill();
    const snap = (await (await admin('snapshot')).json()) as Json;
    expect(Object.keys(snap.providers.payture.merchants[KEY].orders)).toContain(paid);
    expect((await admin('reset')).status).toBe(200);
    expect((await state(paid)).ErrCode).toBe('ORDER_NOT_FOUND');
    const restored = await admin('restore', snap);
    expect(restored.status, await restored.clone().text()).toBe(200);
    expect(await state(paid)).toMatchObject({ Success: 'True', State: 'Charged' });
    expect((await xml(post(`${base()}/vwapi/Check`, { VWID: KEY, DATA: list(who) }))).attributes.Success).toBe('True');
    expect(await state(`${paid}-i`)).toMatchObject({ State: 'New' });
    expect(await state(`${paid}-3`)).toMatchObject({ State: 'PreAuthorized3DS' });
  });

  const breakages: [string, (s: Json, key: string) => void][] = [
    ['an unknown order state', (s, k) => (first(s.merchants[k].orders).state = 'Paid')],
    ['a full card number in an order', (s, k) => (first(s.merchants[k].orders).card = { mask: '4111111111100031' })],
    ['a negative amount', (s, k) => (first(s.merchants[k].orders).charged = -5)],
    ['an order without its history', (s, k) => delete first(s.merchants[k].orders).history],
    ['orders as an array', (s, k) => (s.merchants[k].orders = [])],
    ['a customer whose cards are a string', (s, k) => (first(s.merchants[k].customers).cards = 'x')],
    ['a stored card with month 13', (s, k) => (first(first(s.merchants[k].customers).cards).expMonth = 13)],
    ['a session without its SessionId', (s, k) => delete first(s.merchants[k].sessions).sessionId],
    ['a shared 3-D Secure entry without its terminal', (s) => delete first(s.shared.threeDS).merchant],
    ['a shared session pointing at a number', (s) => (s.shared.sessions[Object.keys(s.shared.sessions)[0]!] = 7)],
    ['no shared tables', (s) => (s.shared = {})],
  ];

  it.each(breakages)('refuses a snapshot with %s (400), and the sandbox is as it was', async (_name, breakIt) => {
    await fill();
    const snap = (await (await admin('snapshot')).json()) as Json;
    const later = orderId('LATER');
    await xml(post(`${base()}/api/Pay`, { Key: KEY, OrderId: later, Amount: 100, PayInfo: card('4111111111100031') }));
    breakIt(snap.providers.payture, KEY);
    const res = await admin('restore', snap);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/snapshot/i);
    expect(await state(later)).toMatchObject({ Success: 'True', State: 'Charged' });
  });
});

function first(table: Json): Json {
  const rows = Object.values(table);
  if (rows.length === 0) throw new Error('empty table');
  return rows[0] as Json;
}
