// PuntoPagos state in snapshots over HTTP (control port): a round trip keeps every answer;
// a malformed restore is a 400 naming the problem and leaves the state as it was.
import { describe, expect, it } from 'vitest';
import { PuntoPagos } from '../../clients/puntopagos/index.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { nextTrxId } from './signed.ts';

type Snapshot = { providers: { puntopagos: { merchants: Record<string, { transactions: Record<string, Record<string, unknown>>; byTrxId: Record<string, string> }>; shared: Record<string, unknown> } } };

describe('PuntoPagos snapshots over HTTP', () => {
  const a = useSandbox({ providers: ['puntopagos'] });
  const b = useSandbox({ providers: ['puntopagos'] });
  const client = (ref: typeof a) => new PuntoPagos({ key: 'sandbox-key', secret: 'sandbox-secret', baseUrl: ref.urls.puntopagos!, now: () => ref.sandbox.clock.now() });
  const control = (ref: typeof a, path: string, body?: unknown) =>
    fetch(`${ref.urls.control}/__admin/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const paid = async () => {
    const trx_id = nextTrxId();
    const token = (await client(a).create({ trx_id, monto: 15000, medio_pago: 3 })).data!.token!;
    await a.sandbox.complete({ id: token, card: '4051885600446623' });
    return { token, trx_id, monto: 15000 };
  };
  const snapshot = async () => (await (await control(a, 'snapshot')).json()) as Snapshot;

  it('round trip: a restored sandbox answers the status, the page and the duplicate exactly as before', async () => {
    const tx = await paid();
    const before = (await client(a).status(tx)).body;
    expect((await control(b, 'restore', await snapshot())).status).toBe(200);
    expect((await client(b).status(tx)).body).toBe(before);
    expect((await fetch(`${b.urls.puntopagos}/transaccion/procesar/${tx.token}`)).status).toBe(200);
  });

  const edits: [string, (s: Snapshot, token: string) => void, RegExp][] = [
    ['a state outside the machine', (s, t) => (s.providers.puntopagos.merchants['sandbox-key']!.transactions[t]!.state = 'HACKED'), /state/],
    ['a monto that is not two decimals', (s, t) => (s.providers.puntopagos.merchants['sandbox-key']!.transactions[t]!.monto = '1e3'), /monto/],
    ['a whole card number', (s, t) => ((s.providers.puntopagos.merchants['sandbox-key']!.transactions[t]!.payment as Record<string, unknown>).card = { bin: '405188', last4: '6623', number: '4051885600446623' }), /card/],
    ['a trx_id that is not digits', (s, t) => (s.providers.puntopagos.merchants['sandbox-key']!.transactions[t]!.trxId = '1; DROP'), /trxId/],
    ['history that is not a list', (s, t) => (s.providers.puntopagos.merchants['sandbox-key']!.transactions[t]!.history = {} as never), /history/],
    ['transactions that are not a table', (s) => (s.providers.puntopagos.merchants['sandbox-key']!.transactions = 5 as never), /transactions/],
    ['a byTrxId key that is not a trx_id', (s) => (s.providers.puntopagos.merchants['sandbox-key']!.byTrxId['abc'] = 'X'), /byTrxId/],
    ['shared owners missing', (s) => delete s.providers.puntopagos.shared.owners, /owners/],
  ];
  it.each(edits)('restore of %s is a 400 naming it; nothing is replaced', async (_what, edit, problem) => {
    const kept = await paid();
    const good = await snapshot();
    const later = await paid();
    const bad = JSON.parse(JSON.stringify(good)) as Snapshot;
    edit(bad, kept.token);
    const res = await control(a, 'restore', bad);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(problem);
    // Still the state from before the refused restore: the later transaction exists.
    expect((await client(a).status(later)).data).toMatchObject({ respuesta: '00', token: later.token });
    expect((await client(a).status(kept)).data).toMatchObject({ respuesta: '00', token: kept.token });
  });
});
