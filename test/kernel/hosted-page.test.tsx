/** @jsxImportSource hono/jsx */
// The shared frame of the hosted payment pages.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { HostedPage } from '../../emulators/kernel/hosted-page.tsx';

describe('hosted page frame', () => {
  it('writes the stylesheet unescaped, tinted with the provider colour, with the extra rules and no outside resources', async () => {
    const app = new Hono();
    app.get('/', (c) =>
      c.html(
        <HostedPage lang="es" title="Pago <seguro>" badge="Demo · sandbox" accent="#123456" css="ul.x>li{color:red}" onload="go()">
          <p>hola</p>
        </HostedPage>,
      ),
    );
    const html = await (await app.request('/')).text();
    expect(html).toContain(':root{--accent:#123456}');
    expect(html).toContain('.row>div{flex:1}');
    expect(html).toContain('ul.x>li{color:red}');
    expect(html).toContain('<title>Pago &lt;seguro&gt;</title>');
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('onload="go()"');
    expect(html).not.toMatch(/<link|<script src|@import|https?:\/\//);
  });
});
