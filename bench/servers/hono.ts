// A bare Hono app on @hono/node-server: what the framework and the Node adapter cost on
// their own. Parses the JSON body and answers `c.json` with the emulator's answer.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const answer = JSON.parse(process.env.BENCH_ANSWER ?? '{}') as Record<string, unknown>;
const app = new Hono();
app.post('*', async (c) => {
  await c.req.json();
  return c.json(answer);
});
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => process.send!({ port: info.port }));
