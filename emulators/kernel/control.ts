/**
 * The control port (4100): the admin API across providers and a plain HTML index of
 * what is running. The inspector page (emulators/inspector) mounts here when present.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AdminKernel } from './admin.ts';

export function createControlApp(kernel: AdminKernel, admin: Hono, urls: () => Record<string, string>, page?: Hono): Hono {
  const app = new Hono();
  app.route('/__admin', admin);
  // The inspector reads the same state as the admin API: the same guard (admin routes have their own).
  const guard = kernel.access.middleware();
  app.use('*', (c, next) => (c.req.path.startsWith('/__admin/') ? next() : guard(c, next)));
  if (page) app.route('/', page);
  else app.get('/', (c) => c.html(indexPage(kernel, urls())));
  app.notFound((c) => c.json({ error: { message: `No route ${c.req.method} ${new URL(c.req.url).pathname} on the control port` } }, 404));
  return app;
}

function indexPage(kernel: AdminKernel, urls: Record<string, string>) {
  const rows = kernel.runtimes.map((r) => {
    const creds = r.ctx.merchants.list().map((m) => r.module.describeMerchant(m));
    return html`<tr>
      <td><strong>${r.module.title}</strong><br /><code>${r.module.id}</code></td>
      <td>${urls[r.module.id] ? html`<a href="${urls[r.module.id]}/__admin/health">${urls[r.module.id]}</a>` : 'in process'}</td>
      <td>${creds.map((c) => html`<div><code>${Object.entries(c).map(([k, v]) => `${k}=${v}`).join('  ')}</code></div>`)}</td>
      <td><a href="/__admin/transactions?provider=${r.module.id}">transactions</a> ·
        <a href="/__admin/journal?provider=${r.module.id}">journal</a> ·
        <a href="/__admin/scenarios?provider=${r.module.id}">scenarios</a> ·
        <a href="/__admin/webhooks?provider=${r.module.id}">webhooks</a></td>
    </tr>`;
  });
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>Pasarela sandbox</title>
<style>body{font:15px/1.4 system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.5rem 1rem;text-align:left;vertical-align:top}code{font-size:13px}</style>
</head><body>
<h1>Pasarela sandbox</h1>
<p>Version ${kernel.version} · clock <code>${kernel.clock.now().toISOString()}</code> · admin API at <a href="/__admin/health">/__admin/</a></p>
<table><thead><tr><th>Provider</th><th>URL</th><th>Credentials</th><th>Admin</th></tr></thead><tbody>${rows}</tbody></table>
</body></html>`;
}
