/** @jsxImportSource hono/jsx */
/**
 * The inspector's sections, each rendered alone so the page can refresh one at a time.
 * Pure views over the kernel: they read, and the buttons call the admin API.
 */
import type { Child } from 'hono/jsx';
import type { AdminKernel } from '../kernel/admin.ts';
import type { JournalEntry } from '../kernel/journal.ts';
import type { TransactionView } from '../kernel/types.ts';
import type { WebhookDelivery } from '../kernel/webhooks.ts';

export interface InspectorData {
  kernel: AdminKernel;
  urls: Record<string, string>;
}

export const SECTIONS = ['providers', 'clock', 'transactions', 'journal', 'webhooks', 'faults', 'scenarios'] as const;
export type SectionName = (typeof SECTIONS)[number];

/** Which sections a change topic makes stale. */
export const TOPIC_SECTIONS: Record<string, SectionName[]> = {
  state: ['transactions'],
  journal: ['journal'],
  webhooks: ['webhooks'],
  clock: ['clock', 'transactions'],
  faults: ['faults'],
  scenarios: ['scenarios'],
};

/** Every time on the page in UTC, whatever zone the provider writes dates in. */
const time = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
};
const json = (v: unknown) => JSON.stringify(v, null, 2);

function Section(props: { name: SectionName; title: string; count?: number; actions?: Child; children: Child }) {
  return (
    <section id={props.name} data-section={props.name}>
      <header>
        <h2>
          {props.title}
          {props.count !== undefined ? <span class="count">{props.count}</span> : null}
        </h2>
        {props.actions}
      </header>
      {props.children}
    </section>
  );
}

function Providers({ kernel, urls }: InspectorData) {
  return (
    <Section name="providers" title="Emulators">
      <table>
        <thead>
          <tr><th>provider</th><th>URL</th><th>credentials</th></tr>
        </thead>
        <tbody>
          {kernel.runtimes.map((r) => (
            <tr data-provider={r.module.id}>
              <td><strong>{r.module.title}</strong><div class="muted">{r.module.id}</div></td>
              <td>{urls[r.module.id] ? <a href={`${urls[r.module.id]}/__admin/health`}>{urls[r.module.id]}</a> : <span class="muted">in process</span>}</td>
              <td>
                {r.ctx.merchants.list().map((m) => (
                  <div class="creds">{Object.entries(r.module.describeMerchant(m)).map(([k, v]) => <span><em>{k}</em> <code>{v}</code> </span>)}</div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function Clock({ kernel }: InspectorData) {
  const c = kernel.clock.state();
  return (
    <Section
      name="clock"
      title="Virtual clock"
      actions={
        <div class="actions">
          {[['+1 min', 60], ['+30 min', 1800], ['+1 day', 86_400]].map(([label, s]) => (
            <button data-action="clock" data-body={JSON.stringify({ advanceSeconds: s })}>{label}</button>
          ))}
          <button data-action="clock" data-body={JSON.stringify(c.frozen ? { unfreeze: true } : { freeze: true })}>{c.frozen ? 'Unfreeze' : 'Freeze'}</button>
          <button data-action="clock" data-body={JSON.stringify({ reset: true })}>Real time</button>
        </div>
      }
    >
      <p>
        <code data-testid="clock-now">{c.now}</code> {c.frozen ? <span class="badge">frozen</span> : null}{' '}
        {c.offsetSeconds ? <span class="muted">({c.offsetSeconds > 0 ? '+' : ''}{c.offsetSeconds} s from real time)</span> : null}
      </p>
    </Section>
  );
}

function outcomesFor(kernel: AdminKernel, provider: string) {
  const module = kernel.runtimes.find((r) => r.module.id === provider)?.module;
  return module?.scenarios ?? [];
}

function TransactionRow({ t, kernel }: { t: TransactionView; kernel: AdminKernel }) {
  const module = kernel.runtimes.find((r) => r.module.id === t.provider)?.module;
  const quick = module?.quickOutcomes;
  return (
    <tr data-transaction={`${t.provider}:${t.id}`} data-status={t.status}>
      <td>{t.provider}</td>
      <td><code>{t.id}</code></td>
      <td>{t.kind}<div class="muted">{t.merchant}</div></td>
      <td><span class={`status s-${t.status.toLowerCase()}`}>{t.status}</span>{t.reason !== undefined && t.reason !== null ? <span class="muted"> {String(t.reason)}</span> : null}</td>
      <td>{t.amount !== undefined ? `${t.amount} ${t.currency ?? ''}` : ''}<div class="muted">{t.reference ?? ''}</div></td>
      <td class="muted">{time(t.updatedAt)}</td>
      <td>
        {t.completable ? (
          <div class="actions">
            {quick ? (
              <>
                <button class="ok" data-action="complete" data-body={JSON.stringify({ provider: t.provider, id: t.id, outcome: quick.approve })}>Approve</button>
                <button class="bad" data-action="complete" data-body={JSON.stringify({ provider: t.provider, id: t.id, outcome: quick.reject })}>Reject</button>
              </>
            ) : null}
            <select data-outcome-for={`${t.provider}:${t.id}`} aria-label="outcome">
              {outcomesFor(kernel, t.provider).map((s) => <option value={s.id}>{s.id}</option>)}
            </select>
            <button data-action="complete-selected" data-provider={t.provider} data-id={t.id}>Complete</button>
          </div>
        ) : null}
        <details>
          <summary>history</summary>
          <ol class="history">{t.history.map((h) => <li><span class="muted">{time(h.at)}</span> {h.status} {h.reason !== undefined && h.reason !== null ? String(h.reason) : ''} {h.note ? <em>{h.note}</em> : null}</li>)}</ol>
          <pre>{json(t.data)}</pre>
        </details>
      </td>
    </tr>
  );
}

function Transactions({ kernel }: InspectorData) {
  const all = kernel.runtimes
    .flatMap((r) => r.module.transactions?.(r.ctx) ?? [])
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, 200);
  return (
    <Section name="transactions" title="Transactions, sessions and orders" count={all.length}>
      {all.length === 0 ? (
        <p class="muted">Nothing yet. Create a payment with your integration or a client.</p>
      ) : (
        <table>
          <thead>
            <tr><th>provider</th><th>id</th><th>kind</th><th>status</th><th>amount</th><th>updated</th><th></th></tr>
          </thead>
          <tbody>{all.map((t) => <TransactionRow t={t} kernel={kernel} />)}</tbody>
        </table>
      )}
    </Section>
  );
}

function JournalRow({ e }: { e: JournalEntry }) {
  return (
    <tr data-journal={e.id} class={e.admin ? 'admin' : undefined}>
      <td class="muted">{time(e.at)}</td>
      <td>{e.provider}{e.admin ? <div><span class="badge" title="A call to the admin API: what the test did to the sandbox">admin</span></div> : null}</td>
      <td><code>{e.method} {e.path}{e.query}</code>{e.merchant ? <div class="muted">{e.merchant}</div> : null}</td>
      <td><span class={`code c${String(e.response.status)[0]}`}>{e.response.status || 'dropped'}</span></td>
      <td>{e.scenario ? <span class="badge">{e.scenario.id} ({e.scenario.source})</span> : null}{e.fault ? <span class="badge bad">{e.fault}</span> : null}</td>
      <td class="muted">{e.durationMs} ms</td>
      <td>
        <details>
          <summary>bodies</summary>
          <h4>request</h4>
          <pre>{json(e.request.headers)}</pre>
          <pre>{typeof e.request.body === 'string' ? e.request.body : json(e.request.body)}</pre>
          <h4>response</h4>
          <pre>{json(e.response.headers)}</pre>
          <pre>{typeof e.response.body === 'string' ? e.response.body : json(e.response.body)}</pre>
        </details>
      </td>
    </tr>
  );
}

function Journal({ kernel }: InspectorData) {
  // The test's own admin calls (complete, clock, faults, reset) are part of the story: shown, marked.
  const entries = kernel.journal.entries({ limit: 100, admin: true }).reverse();
  return (
    <Section name="journal" title="Request journal" count={entries.length} actions={<div class="actions"><button data-action="clear-journal">Clear</button></div>}>
      {entries.length === 0 ? (
        <p class="muted">No requests yet.</p>
      ) : (
        <table>
          <thead>
            <tr><th>time</th><th>provider</th><th>request</th><th>status</th><th>scenario / fault</th><th>took</th><th></th></tr>
          </thead>
          <tbody>{entries.map((e) => <JournalRow e={e} />)}</tbody>
        </table>
      )}
    </Section>
  );
}

function WebhookRow({ d }: { d: WebhookDelivery }) {
  const last = d.attempts.at(-1);
  return (
    <tr data-webhook={d.id} data-state={d.state}>
      <td><code>{d.id}</code></td>
      <td>{d.provider}<div class="muted">{d.merchant}</div></td>
      <td>{d.event}{d.subject ? <div class="muted">{d.subject}</div> : null}</td>
      <td><code>{d.method} {d.url}</code></td>
      <td><span class={`status s-${d.state}`}>{d.state}</span><div class="muted">{d.attempts.length} attempt(s){d.nextAttemptAt ? `, next ${time(d.nextAttemptAt)}` : ''}</div></td>
      <td>{last ? (last.error ? <span class="bad">{last.error}</span> : <code>{last.status} {(last.responseBody ?? '').slice(0, 80)}</code>) : <span class="muted">not sent yet</span>}</td>
      <td>
        <button data-action="redeliver" data-id={d.id}>Redeliver</button>
        <details>
          <summary>payload and attempts</summary>
          <pre>{json(d.request)}</pre>
          <pre>{json(d.attempts)}</pre>
        </details>
      </td>
    </tr>
  );
}

function Webhooks({ kernel }: InspectorData) {
  const deliveries = kernel.webhooks.deliveries().reverse().slice(0, 100);
  return (
    <Section name="webhooks" title="Webhook deliveries" count={deliveries.length}>
      {deliveries.length === 0 ? (
        <p class="muted">No notifications sent yet.</p>
      ) : (
        <table>
          <thead>
            <tr><th>id</th><th>provider</th><th>event</th><th>to</th><th>state</th><th>last answer</th><th></th></tr>
          </thead>
          <tbody>{deliveries.map((d) => <WebhookRow d={d} />)}</tbody>
        </table>
      )}
    </Section>
  );
}

function Faults({ kernel }: InspectorData) {
  const rules = kernel.faults.list();
  return (
    <Section name="faults" title="Fault rules" count={rules.length}>
      {rules.length ? (
        <table>
          <thead>
            <tr><th>id</th><th>scope</th><th>action</th><th>left</th><th>hits</th><th></th></tr>
          </thead>
          <tbody>
            {rules.map((f) => (
              <tr data-fault={f.id}>
                <td><code>{f.id}</code></td>
                <td>{f.provider ?? 'all'} {f.method ?? ''} <code>{f.path ?? '*'}</code>{f.probability !== undefined ? <span class="muted"> p={f.probability}{f.seed !== undefined ? ` seed ${f.seed}` : ''}</span> : null}</td>
                <td><code>{JSON.stringify(f.action)}</code></td>
                <td>{f.remaining ?? '∞'}</td>
                <td>{f.hits}</td>
                <td><button data-action="remove-fault" data-id={f.id}>Remove</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">No fault rules: every request is answered normally.</p>
      )}
      <form data-form="fault" class="inline">
        <select name="provider" aria-label="provider">
          <option value="">all providers</option>
          {kernel.runtimes.map((r) => <option value={r.module.id}>{r.module.id}</option>)}
        </select>
        <input name="method" placeholder="method" size={6} />
        <input name="path" placeholder="/path* (all)" size={16} />
        <select name="type" aria-label="fault">
          {['status', 'latency', 'network-error', 'hang', 'garble'].map((t) => <option value={t}>{t}</option>)}
        </select>
        <input name="value" placeholder="status or ms" size={10} />
        <input name="times" placeholder="times" size={5} />
        <input name="probability" placeholder="probability" size={8} />
        <input name="seed" placeholder="seed" size={6} />
        <button type="submit">Add fault</button>
      </form>
    </Section>
  );
}

function Scenarios({ kernel }: InspectorData) {
  return (
    <Section name="scenarios" title="Scenario catalog">
      {kernel.runtimes.map((r) => (
        <details>
          <summary>{r.module.title}: {r.module.scenarios.length} scenarios, {kernel.queue.list(r.module.id).length} queued</summary>
          <table>
            <thead>
              <tr><th>id</th><th>description</th><th>trigger</th><th>outcome</th><th>live</th><th></th></tr>
            </thead>
            <tbody>
              {r.module.scenarios.map((s) => (
                <tr>
                  <td><code>{s.id}</code></td>
                  <td>{s.description}</td>
                  <td><code>{s.trigger ? JSON.stringify(s.trigger) : '—'}</code></td>
                  <td><code>{JSON.stringify(s.outcome)}</code></td>
                  <td>{s.live ? 'yes' : ''}</td>
                  <td><button data-action="queue" data-body={JSON.stringify({ provider: r.module.id, scenario: s.id })}>Queue next</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </Section>
  );
}

export function renderSection(name: SectionName, data: InspectorData) {
  switch (name) {
    case 'providers':
      return <Providers {...data} />;
    case 'clock':
      return <Clock {...data} />;
    case 'transactions':
      return <Transactions {...data} />;
    case 'journal':
      return <Journal {...data} />;
    case 'webhooks':
      return <Webhooks {...data} />;
    case 'faults':
      return <Faults {...data} />;
    case 'scenarios':
      return <Scenarios {...data} />;
  }
}
