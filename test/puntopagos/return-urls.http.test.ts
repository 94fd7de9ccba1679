// Issue 15: a merchant's successUrl / failureUrl never becomes a Location, an href or a form
// action unless it is http(s). Config and admin refuse other schemes with a clear 400; a
// merchant added in code (no schema check) gets its URL shown as text.
import { describe, expect, it } from 'vitest';
import { PuntoPagos } from '../../clients/puntopagos/index.ts';
import { createSandbox } from '../../emulators/index.ts';
import { defaultMerchantFor } from './return-urls.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { nextTrxId } from './signed.ts';

const HOSTILE = ['javascript:alert(document.domain)//', 'JavaScript:alert(1)//', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'file:///etc/passwd', '//evil.example/ok/'];

describe('PuntoPagos merchant return URLs over HTTP', () => {
  const ref = useSandbox({ providers: ['puntopagos'] });
  const base = () => ref.urls.puntopagos!;
  const addMerchant = (body: Record<string, unknown>) =>
    fetch(`${base()}/__admin/merchants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ provider: 'puntopagos', ...body }) });

  it.each(HOSTILE.flatMap((url) => [['successUrl', url], ['failureUrl', url]]))('admin refuses %s %s with a 400 naming the field', async (field, url) => {
    const res = await addMerchant({ key: `k-${nextTrxId()}`, secret: 's', [field]: url });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain(field);
  });

  it('admin accepts http and https URLs, any letter case', async () => {
    expect((await addMerchant({ key: `k-${nextTrxId()}`, secret: 's', successUrl: 'HTTPS://shop.example/ok/', failureUrl: 'http://127.0.0.1:8080/fail/' })).status).toBe(201);
  });

  it('a --config entry with a javascript: successUrl is refused when the sandbox starts', () => {
    expect(() => createSandbox({ providers: ['puntopagos'], merchants: { puntopagos: [{ key: 'k', secret: 's', successUrl: 'javascript:alert(1)//' }] } })).toThrow(/successUrl/);
  });

  describe('a merchant added in code, past the schema', () => {
    const pay = async (key: string, card: string) => {
      const pp = new PuntoPagos({ key, secret: 's', baseUrl: base(), now: () => ref.sandbox.clock.now() });
      const trx_id = nextTrxId();
      const token = (await pp.create({ trx_id, monto: 1000, medio_pago: 3 })).data!.token!;
      const res = await fetch(`${base()}/transaccion/procesar/${token}`, {
        method: 'POST',
        body: new URLSearchParams({ medio_pago: '3', cardNumber: card, expiry: '12/30', cvv: '123', accion: 'pagar' }),
        redirect: 'manual',
      });
      return { token, res, html: await res.text() };
    };

    it.each([
      ['approved → successUrl', '4051885600446623', 'javascript:alert(document.domain)//ok/'],
      ['rejected → failureUrl', '5186059559590568', 'javascript:alert(document.domain)//fail/'],
    ])('%s: no redirect, no href, no form action; the URL is shown as text', async (_name, card, url) => {
      const key = `code-${nextTrxId()}`;
      ref.sandbox.provider('puntopagos').merchants.add(defaultMerchantFor(key, { successUrl: 'javascript:alert(document.domain)//ok/', failureUrl: 'javascript:alert(document.domain)//fail/' }));
      const { token, res, html } = await pay(key, card);
      expect(res.status).toBe(200);
      expect(res.headers.get('location')).toBeNull();
      expect(html).not.toMatch(/(href|action|src)="\s*javascript:/i);
      expect(html).toContain(`<code>${url}${token}</code>`);
      const shown = await (await fetch(`${base()}/transaccion/procesar/${token}`)).text();
      expect(shown).not.toMatch(/(href|action)="\s*javascript:/i);
      const done = await ref.sandbox.admin('complete', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: token, card }) });
      expect(done.status).toBe(409);
    });

    it('the same merchant with https URLs is redirected (303) to {successUrl}{token}', async () => {
      const key = `code-${nextTrxId()}`;
      ref.sandbox.provider('puntopagos').merchants.add(defaultMerchantFor(key, { successUrl: 'https://shop.example/ok/', failureUrl: 'https://shop.example/fail/' }));
      const { token, res } = await pay(key, '4051885600446623');
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`https://shop.example/ok/${token}`);
    });

    it('admin complete reports no redirect for a javascript: URL', async () => {
      const key = `code-${nextTrxId()}`;
      ref.sandbox.provider('puntopagos').merchants.add(defaultMerchantFor(key, { successUrl: 'javascript:alert(1)//' }));
      const pp = new PuntoPagos({ key, secret: 's', baseUrl: base(), now: () => ref.sandbox.clock.now() });
      const token = (await pp.create({ trx_id: nextTrxId(), monto: 1000 })).data!.token!;
      const done = await ref.sandbox.admin('complete', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: token, card: '4051885600446623' }) });
      expect(((await done.json()) as { result: { redirect: unknown } }).result.redirect).toBeNull();
    });
  });
});
