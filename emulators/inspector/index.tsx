/** @jsxImportSource hono/jsx */
/**
 * The inspector on the control port: one server-rendered page over every provider,
 * kept live by Server-Sent Events (`/__inspector/events` names the topics that changed;
 * the page re-fetches those sections from `/__inspector/section/{name}`). Actions go
 * through the same admin API as everyone else.
 */
import { Hono } from 'hono';
import { raw } from 'hono/html';
import { streamSSE } from 'hono/streaming';
import type { AdminKernel } from '../kernel/admin.ts';
import type { ChangeTopic } from '../kernel/changes.ts';
import { INSPECTOR_SCRIPT } from './client.ts';
import { renderSection, SECTIONS, TOPIC_SECTIONS, type SectionName } from './sections.tsx';

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2733;background:#f4f6f9}
body>header{display:flex;align-items:center;gap:1rem;background:#13233a;color:#fff;padding:.6rem 1.5rem}
body>header h1{font-size:1.1rem;margin:0}body>header nav a{color:#b9cdf0;margin-right:.8rem;text-decoration:none}
.live{margin-left:auto;font-size:.8rem;color:#8fa6c8}body[data-live=yes] .live::after{content:' ● live';color:#5fd38d}
main{padding:1rem 1.5rem;display:grid;gap:1rem}
section{background:#fff;border-radius:8px;box-shadow:0 1px 4px #0001;padding:.75rem 1rem;overflow:auto}
section>header{display:flex;align-items:center;gap:1rem;flex-wrap:wrap}h2{font-size:1rem;margin:.2rem 0}
.count{margin-left:.5rem;font-size:.75rem;background:#e6ebf2;border-radius:9px;padding:0 .5rem;color:#455}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #edf0f4}
th{font-weight:600;color:#556;font-size:.8rem}.muted{color:#7a8594;font-size:.85em}code{font-size:12px}
pre{background:#f6f8fa;padding:.5rem;border-radius:4px;max-height:18rem;overflow:auto;font-size:12px}
button{font:inherit;font-size:.85rem;padding:.2rem .6rem;border:1px solid #c6ced9;background:#fff;border-radius:4px;cursor:pointer}
button:hover{background:#eef2f7}button.ok{border-color:#3a9a5b;color:#1f6e3a}button.bad{border-color:#c44;color:#a22}
.actions{display:flex;gap:.3rem;flex-wrap:wrap;align-items:center}.inline{display:flex;gap:.3rem;flex-wrap:wrap;margin-top:.5rem}
input,select{font:inherit;font-size:.85rem;padding:.2rem .3rem;border:1px solid #c6ced9;border-radius:4px}
.status,.badge,.code{display:inline-block;border-radius:4px;padding:0 .4rem;font-size:.8rem;background:#eef1f5}
.s-approved,.s-delivered,.s-charged,.s-authorized,.s-ok,.c2{background:#e3f5e9;color:#1f6e3a}
.s-rejected,.s-failed,.s-error,.s-declined,.c4,.c5,.c0{background:#fdecec;color:#a22}
.s-pending,.s-new,.c3{background:#fff5dc;color:#7a5a00}.badge.bad,.bad{color:#a22}
#toast{position:fixed;bottom:1rem;right:1rem;background:#13233a;color:#fff;padding:.5rem .8rem;border-radius:6px;opacity:0;transition:opacity .2s}
#toast.show{opacity:.95}#toast.bad{background:#a22}.creds span{margin-right:.6rem}`;

/** A small card in the header's colours: the page's icon, so browsers stop asking for a 404. */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#13233a"/>' +
  '<rect x="5" y="9" width="22" height="14" rx="2" fill="#b9cdf0"/><rect x="5" y="12" width="22" height="3" fill="#13233a"/>' +
  '<rect x="8" y="18" width="7" height="2" fill="#5fd38d"/></svg>';

export function createInspector(kernel: AdminKernel, urls: () => Record<string, string>): Hono {
  const app = new Hono();
  const data = () => ({ kernel, urls: urls() });
  const script = INSPECTOR_SCRIPT.replace('${TOPICS}', JSON.stringify(TOPIC_SECTIONS));

  app.get('/', (c) =>
    c.html(
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>Pasarela inspector</title>
          <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
          <style>{raw(CSS)}</style>
        </head>
        <body>
          <header>
            <h1>Pasarela {kernel.version}</h1>
            <nav>{SECTIONS.map((s) => <a href={`#${s}`}>{s}</a>)}</nav>
            <button data-action="reset" title="Reset state, journal, webhooks, faults and clock">Reset all</button>
            <span class="live" />
          </header>
          <main>{SECTIONS.map((name) => renderSection(name, data()))}</main>
          <div id="toast" role="status" />
          <script>{raw(script)}</script>
        </body>
      </html>,
    ),
  );

  const icon = () => new Response(FAVICON_SVG, { headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' } });
  app.get('/favicon.svg', icon);
  app.get('/favicon.ico', icon);

  app.get('/__inspector/section/:name', (c) => {
    const name = c.req.param('name') as SectionName;
    if (!SECTIONS.includes(name)) return c.json({ error: { message: `No section "${name}"` } }, 404);
    return c.html(renderSection(name, data()));
  });

  // One event per burst of changes: topics collected for 100 ms, then sent together.
  app.get('/__inspector/events', (c) =>
    streamSSE(c, async (stream) => {
      const pending = new Set<ChangeTopic>();
      let timer: NodeJS.Timeout | undefined;
      const off = kernel.changes.on((topic) => {
        pending.add(topic);
        timer ??= setTimeout(() => {
          timer = undefined;
          const topics = [...pending].join(',');
          pending.clear();
          void stream.writeSSE({ event: 'change', data: topics });
        }, 100);
      });
      const ping = setInterval(() => void stream.writeSSE({ event: 'ping', data: '' }), 15_000);
      await stream.writeSSE({ event: 'hello', data: kernel.version });
      await new Promise<void>((resolve) => stream.onAbort(resolve));
      off();
      clearInterval(ping);
      clearTimeout(timer);
    }),
  );

  return app;
}
