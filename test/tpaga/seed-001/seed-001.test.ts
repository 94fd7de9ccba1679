// Seed 001's Python (tpaga_test_client.py, walkthrough.py) run with python3 against the
// emulator on port 0; then the same requests from TypeScript, compared byte for byte.
import { execFile, spawnSync } from 'node:child_process';
import { createServer, connect, type Server } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../../emulators/index.ts';
import { seedMerchant, TpagaTestClient } from '../seed-client.ts';
import { REQUESTS_DEFAULTS, requestsPost } from './python-requests.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** 2016-08-18 08:53:45 in Bogotá, the post's date: its 03/2018 card is valid then. */
const POST_DATE = '2016-08-18T13:53:45Z';

/** Why the seed's Python cannot run here, as one line saying what to install; undefined when it can. */
export function pythonProblem(python = 'python3', args: string[] = []): string | undefined {
  const r = spawnSync(python, [...args, '-c', 'import requests'], { encoding: 'utf8' });
  if (r.error) return `${python} is not installed: install python3 and python3-requests (Debian: apt-get install -y python3 python3-requests)`;
  if (r.status !== 0) return `${python} has no "requests" module: install python3-requests (Debian: apt-get install -y python3-requests; or pip install requests)`;
  return undefined;
}

/** A TCP relay in front of the emulator that keeps what each connection sent, byte for byte. */
async function recordingRelay() {
  let target = 0;
  const sent: Buffer[][] = [];
  const server: Server = createServer((client) => {
    const chunks: Buffer[] = [];
    sent.push(chunks);
    const upstream = connect(target, '127.0.0.1');
    client.on('data', (d: Buffer) => chunks.push(d));
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    to(p: number) {
      target = p;
      sent.length = 0;
    },
    requests: () => sent.map((c) => Buffer.concat(c).toString('latin1')),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const seededSandbox = () => createSandbox({ providers: ['tpaga'], merchants: seedMerchant, seed: 1, freezeAt: POST_DATE, logError: () => {} });

const portOf = (url: string) => Number(new URL(url).port);

function runPython(script: string, apiUrl: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Async: the emulator answering it runs in this process.
    execFile('python3', [script], { cwd: here, env: { ...process.env, TPAGA_API_URL: apiUrl, PYTHONIOENCODING: 'utf-8' }, timeout: 60_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`python3 ${script} failed: ${error.message}\n${stderr}`)) : resolve({ stdout, stderr }),
    );
  });
}

/** walkthrough.py, statement by statement, with the TypeScript transcription of the client. */
async function walkthroughInTypeScript(apiUrl: string, defaults: typeof REQUESTS_DEFAULTS) {
  await requestsPost(`${apiUrl}customer`, { json: {}, auth: ['d13fr8n7vhvkuch3lq2ds5qhjnd2pdd2', ''], defaults });
  const client = new TpagaTestClient(apiUrl, undefined, defaults);
  const customer = await client.createCustomer({ firstName: 'Horns and Hoofs', lastName: 'Perez', email: 'hornsandhoofs@example.com', phone: '012345678' });
  const form = { primaryAccountNumber: '4111111111111111', cardHolderName: 'Иван Иваныч', expirationMonth: '03', expirationYear: '2018', cvc: '123' };
  const tokenized = await requestsPost(`${apiUrl}tokenize/credit_card`, { data: Buffer.from(JSON.stringify(form), 'utf8'), headers: { 'Content-Type': 'application/json' }, auth: ['pk_test_qvbvuthlvqpijnr0elmtg5jh', ''], defaults });
  const { token } = await client.jsonFromResponse(tokenized);
  const card = await client.assocCcToCustomer(customer.id, token);
  const charge = await client.chargeCc(card.id, 'BRG-2', 4500);
  await client.refundCc(charge.id);
}

describe('seed 001: the blog post\'s Python client, run with python3', () => {
  it('a missing python3 or requests fails with one line saying what to install', () => {
    expect(pythonProblem('python3-not-on-this-machine')).toMatch(/^python3-not-on-this-machine is not installed: install python3 and python3-requests/);
    // -S: without site-packages, where requests lives.
    expect(pythonProblem('python3', ['-S'])).toMatch(/^python3 has no "requests" module: install python3-requests/);
  });

  let sandbox: Sandbox;
  let replica: Sandbox;
  let relay: Awaited<ReturnType<typeof recordingRelay>>;
  let urls: { python: string; typescript: string };
  beforeAll(async () => {
    const problem = pythonProblem();
    if (problem) throw new Error(problem);
    sandbox = seededSandbox();
    replica = seededSandbox();
    urls = { python: (await sandbox.start({ port: 0 })).urls.tpaga!, typescript: (await replica.start({ port: 0 })).urls.tpaga! };
    relay = await recordingRelay();
  });
  afterAll(async () => {
    await relay?.close();
    await sandbox?.stop();
    await replica?.stop();
  });

  let pythonRequests: string[] = [];
  it('customer → tokenize with the public key → associate → charge 4500 → refund: prints what the post printed', async () => {
    relay.to(portOf(urls.python));
    const { stdout } = await runPython('walkthrough.py', relay.url);
    pythonRequests = relay.requests();
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('<Response [201]>');
    expect(lines[1]).toMatch(/^customer_token [0-9a-z]{32}$/);
    expect(lines[2]).toMatch(/^credit_card_token [0-9a-z]{32}$/);
    const charge = lines.find((l) => l.startsWith('charge_cc_response '))!;
    for (const part of ["'amount': '4500.00'", "'paid': True", "'errorCode': '00'", "'errorMessage': 'Approved'", "'status': 'authorized'", "'tpagaFeeAmount': '868.00'", "'netAmount': '3545.00'", "'thirdPartyId': None", "'orderId': 'BRG-2'"]) {
      expect(charge).toContain(part);
    }
    const refund = lines.find((l) => l.startsWith('refund_cc_response '))!;
    expect(refund).toContain("'status': 'voided'");
    expect(refund).toContain("'paid': False");
    expect(refund.match(/'id': '([0-9a-z]{32})'/)![1]).toBe(charge.match(/'id': '([0-9a-z]{32})'/)![1]);
  });

  it('the emulator holds what the post shows: two customers, the card of Иван Иваныч, one voided charge of 4500', async () => {
    const { transactions: txs } = (await (await fetch(`${urls.python}/__admin/transactions`)).json()) as { transactions: { merchant: string; status: string; amount: number; reference: string }[] };
    expect(txs.map(({ merchant, status, amount, reference }) => ({ merchant, status, amount, reference }))).toEqual([
      { merchant: 'pk_test_qvbvuthlvqpijnr0elmtg5jh', status: 'voided', amount: 4500, reference: 'BRG-2' },
    ]);
    const state = sandbox.snapshot().providers.tpaga!.merchants['pk_test_qvbvuthlvqpijnr0elmtg5jh'] as Record<string, Record<string, Record<string, unknown>>>;
    expect(Object.values(state.customers!).map((c) => c.firstName)).toEqual([null, 'Horns and Hoofs']);
    expect(Object.values(state.cards!).map((c) => [c.cardHolderName, c.bin, c.lastFour])).toEqual([['Иван Иваныч', '411111', '1111']]);
    expect(Object.values(state.tokens!).map((t) => t.used)).toEqual([true]);
  });

  it('the TypeScript transcription sends the same bytes as python3 + requests, request for request', async () => {
    expect(pythonRequests).toHaveLength(6);
    // User-Agent and Accept-Encoding follow the installed requests/urllib3: take the Python run's.
    const header = (name: string) => new RegExp(`\\r\\n${name}: ([^\\r]*)\\r\\n`).exec(pythonRequests[0]!)![1]!;
    relay.to(portOf(urls.typescript));
    await walkthroughInTypeScript(relay.url, { userAgent: header('User-Agent'), acceptEncoding: header('Accept-Encoding') });
    const ours = relay.requests();
    expect(ours).toHaveLength(6);
    ours.forEach((request, i) => expect(request).toBe(pythonRequests[i]));
    expect(pythonRequests[1]).toContain('\r\n\r\n{"firstName": "Horns and Hoofs", "lastName": "Perez", "email": "hornsandhoofs@example.com", "phone": "012345678"}');
  });
});
