/** A webhook receiver on a free port that records what it gets and answers as told. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export async function startReceiver(answer: (r: Received) => { status: number; body?: string } = () => ({ status: 200, body: 'ok' })) {
  const received: Received[] = [];
  let respond = answer;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const r = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      received.push(r);
      const { status, body: out } = respond(r);
      res.writeHead(status, { 'content-type': 'application/json' }).end(out ?? '');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    answerWith(fn: typeof answer) {
      respond = fn;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
