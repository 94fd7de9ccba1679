// Issue 16: the scenario catalog says what each scenario changes (the transaction, the state
// after it, whether a notification is sent), in every output, and what it says is what the
// emulator does.
import { describe, expect, it } from 'vitest';
import { PlacetoPay } from '../../clients/placetopay/index.ts';
import { providers } from '../../emulators/registry.ts';
import { connect } from '../../emulators/remote.ts';
import { scenarioChanges } from '../../emulators/scenario-changes.ts';
import { formatScenarios } from '../../emulators/scenario-tables.ts';
import { startReceiver } from '../helpers/receiver.ts';
import { useSandbox } from '../helpers/sandbox.ts';

describe('scenario catalog: what changes', () => {
  it('every scenario of every provider says it', () => {
    for (const m of providers) {
      for (const s of m.scenarios) {
        const c = scenarioChanges(m.id, s);
        expect(c, `${m.id} ${s.id}`).toBeDefined();
        for (const field of ['transaction', 'state', 'notification'] as const) expect(c![field], `${m.id} ${s.id} ${field}`).not.toBe('');
      }
    }
  });

  it('text, JSON and Markdown carry it', () => {
    const ptp = providers.filter((m) => m.id === 'placetopay');
    expect(formatScenarios(ptp, 'table')).toMatch(/visa-rejected[\s\S]*?transaction: REJECTED 05; after: session stays PENDING \(the buyer may retry[^\n]*; notification: no/);
    const json = JSON.parse(formatScenarios(ptp, 'json')) as Record<string, { id: string; changes: unknown }[]>;
    expect(json.placetopay!.find((s) => s.id === 'visa-approved')!.changes).toEqual({ transaction: 'APPROVED 00', state: 'session APPROVED', notification: 'yes' });
    expect(formatScenarios(ptp, 'markdown')).toContain('| transaction | state after | notification |');
  });

  describe('against the emulator', () => {
    const ref = useSandbox({ providers: ['placetopay'] });

    it('/__admin/scenarios carries it', async () => {
      const { scenarios } = (await (await fetch(`${ref.urls.control}/__admin/scenarios?provider=placetopay`)).json()) as { scenarios: { id: string; changes?: { notification: string } }[] };
      expect(scenarios.find((s) => s.id === 'visa-pending-approved')?.changes?.notification).toBe('yes, when it is approved');
    });

    it('PlacetoPay: approved, rejected and pending cards do what their entries say', async () => {
      const receiver = await startReceiver();
      const pasarela = connect(ref.urls);
      const site = await pasarela.freshMerchant('placetopay', { notificationUrl: receiver.url });
      const client = new PlacetoPay({ login: site.login, secretKey: site.secretKey, baseUrl: site.baseUrl });
      const ptp = providers.find((m) => m.id === 'placetopay')!;
      try {
        for (const [id, card, session, notified] of [
          ['visa-approved', '4110760000000081', 'APPROVED', true],
          ['visa-rejected', '4110760000000016', 'PENDING', false],
          ['visa-pending-approved', '4110760000000073', 'PENDING', false],
        ] as const) {
          const c = scenarioChanges('placetopay', ptp.scenarios.find((s) => s.id === id)!)!;
          expect(c.state).toContain(`session ${session === 'APPROVED' ? 'APPROVED' : session === 'PENDING' && id === 'visa-rejected' ? 'stays PENDING' : 'PENDING'}`);
          expect(c.notification.startsWith('yes')).toBe(id !== 'visa-rejected');
          const { requestId } = await client.createSession({ payment: { reference: id, amount: { currency: 'USD', total: 5 } }, ipAddress: '1.1.1.1', userAgent: 't', returnUrl: 'https://shop.example/r' });
          await pasarela.complete({ id: String(requestId), card });
          await pasarela.webhooks.flush();
          expect((await client.query(requestId)).status.status, id).toBe(session);
          expect((await pasarela.webhooks.list({ subject: String(requestId) })).length > 0, id).toBe(notified);
        }
      } finally {
        await receiver.close();
      }
    });
  });
});
