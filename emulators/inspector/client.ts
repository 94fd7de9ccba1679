/**
 * The inspector page's only script, inlined (no build step, no CDN): live refresh of
 * the sections named by each Server-Sent Event, and buttons/forms that call the admin API.
 */
export const INSPECTOR_SCRIPT = `
(() => {
  const stale = new Set();
  let timer = null;
  async function refresh() {
    timer = null;
    const names = [...stale];
    stale.clear();
    for (const name of names) {
      const current = document.getElementById(name);
      if (!current) continue;
      // Keep open <details> open across a refresh.
      const open = [...current.querySelectorAll('details[open]')].map((d) => d.closest('[data-transaction],[data-journal],[data-webhook]')?.outerHTML.slice(0, 80));
      const res = await fetch('/__inspector/section/' + name);
      if (!res.ok) continue;
      const holder = document.createElement('div');
      holder.innerHTML = await res.text();
      const next = holder.firstElementChild;
      current.replaceWith(next);
      next.querySelectorAll('[data-transaction],[data-journal],[data-webhook]').forEach((row) => {
        if (open.includes(row.outerHTML.slice(0, 80))) row.querySelector('details')?.setAttribute('open', '');
      });
    }
    document.body.dataset.refreshed = String(Date.now());
  }
  function mark(names) {
    names.forEach((n) => stale.add(n));
    if (!timer) timer = setTimeout(refresh, 150);
  }
  const topics = ${'${TOPICS}'};
  const events = new EventSource('/__inspector/events');
  events.addEventListener('change', (e) => mark(e.data.split(',').flatMap((t) => topics[t] || [])));
  events.addEventListener('open', () => (document.body.dataset.live = 'yes'));
  events.addEventListener('error', () => (document.body.dataset.live = 'no'));

  async function admin(method, path, body) {
    const res = await fetch('/__admin/' + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) {
      const text = await res.text();
      let message = text;
      try { message = JSON.parse(text).error.message; } catch {}
      toast(message, true);
    } else if (method !== 'GET') {
      toast(method + ' /__admin/' + path + ': done');
    }
    return res;
  }
  function toast(text, bad) {
    const el = document.getElementById('toast');
    el.textContent = text;
    el.className = bad ? 'show bad' : 'show';
    clearTimeout(el._t);
    el._t = setTimeout(() => (el.className = ''), 4000);
  }

  document.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button) return;
    const d = button.dataset;
    const body = d.body ? JSON.parse(d.body) : undefined;
    switch (d.action) {
      case 'clock': return admin('POST', 'clock', body);
      case 'complete': return admin('POST', 'complete', body);
      case 'complete-selected': {
        const select = document.querySelector('select[data-outcome-for="' + d.provider + ':' + d.id + '"]');
        return admin('POST', 'complete', { provider: d.provider, id: d.id, outcome: select.value });
      }
      case 'redeliver': return admin('POST', 'webhooks/' + encodeURIComponent(d.id) + '/redeliver');
      case 'remove-fault': return admin('DELETE', 'faults/' + encodeURIComponent(d.id));
      case 'clear-journal': return admin('DELETE', 'journal');
      case 'queue': return admin('POST', 'scenarios/next', body);
      case 'reset': return admin('POST', 'reset');
    }
  });

  document.addEventListener('submit', (event) => {
    const form = event.target.closest('form[data-form="fault"]');
    if (!form) return;
    event.preventDefault();
    const f = Object.fromEntries(new FormData(form));
    const action = { type: f.type };
    if (f.type === 'status') action.status = Number(f.value || 503);
    if (f.type === 'latency' || (f.type === 'hang' && f.value)) action.ms = Number(f.value || 1000);
    const rule = { action };
    if (f.provider) rule.provider = f.provider;
    if (f.method) rule.method = f.method.toUpperCase();
    if (f.path) rule.path = f.path;
    if (f.times) rule.times = Number(f.times);
    if (f.probability) rule.probability = Number(f.probability);
    if (f.seed) rule.seed = Number(f.seed);
    admin('POST', 'faults', rule);
  });
})();
`;
