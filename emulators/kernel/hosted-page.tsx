/** @jsxImportSource hono/jsx */
/**
 * The frame of every hosted payment page (PuntoPagos, Payture, PlacetoPay): one small
 * stylesheet tinted with the provider's colour, no scripts from elsewhere, no CDN.
 */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';

const BASE_CSS = `body{font:15px/1.45 system-ui,sans-serif;background:#f3f5f8;color:#1d2733;margin:0}
main{max-width:480px;margin:2rem auto;background:#fff;border-radius:10px;box-shadow:0 2px 10px #0002;padding:1.5rem 1.75rem}
h1{font-size:1.25rem;margin:.2rem 0 1rem}dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:0 0 1rem}dt{color:#5a6675}dd{margin:0}
label{display:block;margin:.6rem 0 .2rem;color:#3c4754}input,select{width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #c5ccd5;border-radius:6px;font:inherit}
input[type=radio],input[type=checkbox]{width:auto;margin-right:.4rem}.row{display:flex;gap:.75rem}.row>div{flex:1}
button,a.button{display:block;box-sizing:border-box;text-align:center;text-decoration:none;margin-top:1rem;width:100%;padding:.65rem;border:0;border-radius:6px;font:inherit;cursor:pointer;background:var(--accent);color:#fff}
button.link{background:none;color:var(--accent);text-decoration:underline;margin-top:.5rem}.note{padding:.6rem .8rem;border-radius:6px;margin:.5rem 0}
.bad{background:#fdecec;color:#8a1c1c}.good{background:#e7f6ec;color:#1b6b35}.wait{background:#fff7e0;color:#7a5a00}.badge{font-size:.8rem;color:#5a6675}`;

export function HostedPage(props: {
  lang: string;
  title: string;
  /** Small line above the page ("PlacetoPay · Pasarela sandbox"). */
  badge: string;
  /** The provider's colour for buttons and links. */
  accent: string;
  /** Rules only this provider's page needs. */
  css?: string;
  head?: Child;
  onload?: string;
  children: Child;
}) {
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        {props.head}
        {/* raw: the stylesheet must not be HTML-escaped (".row>div"). */}
        <style>{raw(`:root{--accent:${props.accent}}\n${BASE_CSS}\n${props.css ?? ''}`)}</style>
      </head>
      <body onload={props.onload}>
        <main>
          <p class="badge">{props.badge}</p>
          {props.children}
        </main>
      </body>
    </html>
  );
}
