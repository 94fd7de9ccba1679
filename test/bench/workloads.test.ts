// The bench's workloads get the provider's success answer: a bench of error paths is worthless.
import { describe, expect, it } from 'vitest';
import { parsePaytureXml } from '../../contracts/index.ts';
import { createSandbox } from '../../emulators/index.ts';
import { workloads, type WireRequest, type Workload } from '../../bench/workloads.ts';

const FIRST = 5;

/** The workload's first requests, replayed against a fresh in-process sandbox; answers parsed. */
async function replay(w: Workload) {
  const sandbox = createSandbox({ providers: [w.provider], logError: (m, e) => console.error(m, e) });
  const origin = sandbox.provider(w.provider).module.hosts[0]!;
  const target = { origin, fetch: ((input, init) => sandbox.fetch(w.provider, new Request(input as string, init))) as typeof fetch };
  const requests: WireRequest[] = await (await w.prepare(target))(FIRST);
  const answers = [];
  for (const r of requests) {
    const res = await sandbox.fetch(w.provider, new Request(`${origin}${r.path}`, { method: r.method, headers: r.headers, body: r.body || undefined }));
    answers.push({ request: r, status: res.status, text: await res.text() });
  }
  return answers;
}

describe('bench workloads', () => {
  it('cover the five measured routes', () => {
    expect(workloads.map((w) => w.id)).toEqual(['placetopay-create', 'placetopay-query', 'puntopagos-crear', 'tpaga-charge', 'payture-pay']);
  });

  for (const w of workloads) {
    it(`${w.title}: each request gets the success answer, and ok() says so`, async () => {
      const answers = await replay(w);
      expect(answers).toHaveLength(FIRST);
      for (const a of answers) {
        expect(w.ok(a.status, a.text), `${a.request.method} ${a.request.path} → ${a.status} ${a.text}`).toBe(true);
        successOf(w, a.status, a.text);
      }
      // Unique where the emulator requires it: no two requests are the same bytes.
      expect(new Set(answers.map((a) => a.request.body)).size).toBe(FIRST);
    });
  }

  it('ok() refuses the error answers of each route', async () => {
    for (const w of workloads) {
      const [first] = await replay(w);
      const broken = first!.text.replace(/"status":"OK"|"status":"PENDING"|"respuesta":"00"|"paid":true|Success="True"/g, 'X');
      expect(w.ok(first!.status, broken), w.id).toBe(false);
      expect(w.ok(first!.status === 201 ? 422 : 401, first!.text), w.id).toBe(false);
    }
  });
});

/** The provider's success answer, read in full (not the substring check `ok` makes under load). */
function successOf(w: Workload, status: number, text: string) {
  const body = w.provider === 'payture' ? parsePaytureXml(text) : JSON.parse(text);
  switch (w.id) {
    case 'placetopay-create':
      expect(status).toBe(200);
      expect(body.status).toMatchObject({ status: 'OK', reason: 'PC' });
      expect(body.requestId).toEqual(expect.any(Number));
      break;
    case 'placetopay-query':
      expect(status).toBe(200);
      expect(body.status.status).toBe('PENDING');
      expect(body.requestId).toEqual(expect.any(Number));
      break;
    case 'puntopagos-crear':
      expect(status).toBe(200);
      expect(body).toMatchObject({ respuesta: '00', error: null });
      expect(body.token).toEqual(expect.any(String));
      break;
    case 'tpaga-charge':
      expect(status).toBe(201);
      expect(body).toMatchObject({ paid: true, errorCode: '00' });
      expect(body.id).toEqual(expect.any(String));
      break;
    case 'payture-pay':
      expect(status).toBe(200);
      expect(body.attributes).toMatchObject({ Success: 'True', Amount: '1000' });
      break;
  }
}
