/**
 * PuntoPagos errors and their one renderer. Handlers throw; this file alone builds
 * error bodies. PuntoPagos answers errors with HTTP 200 and a `respuesta` code, in the
 * shape of the operation that failed (create or status, reference §2.3/§2.5); the one
 * exception is a status query whose token/trx_id/monto do not match: HTTP 400 with an
 * HTML body. `X-Pasarela-Detail` says in English what exactly was wrong.
 */
import { tryDecodeURIComponent } from 'hono/utils/url';
import { ERROR_99, MESSAGES } from '../../scenarios/puntopagos.ts';
import { KernelError, ProviderError } from '../kernel/errors.ts';
import type { PasarelaContext, ProviderContext } from '../kernel/types.ts';
import type { Code } from './machine.ts';
import { errorPage } from './pages.tsx';
import { createError, jsonResponse, SERVER_HEADERS, statusError } from './views.ts';

export class PpError extends ProviderError {
  constructor(
    readonly code: Code,
    readonly detail: string,
    readonly httpStatus = 200,
  ) {
    super(detail);
  }
}

/** Status query whose signature does not verify against the stored trx_id and monto. */
export class StatusMismatch extends ProviderError {}

/** Messages the reference does not record: emulator choices (docs/puntopagos.md). */
export const CHOSEN_99 = {
  signature: 'Firma no válida',
  fecha: 'Fecha no válida',
  notFound: 'The resource cannot be found.',
  tooLarge: 'Maximum request length exceeded.',
  internal: 'Error del sistema',
} as const;

const e99 = (error: string, detail: string, status = 200) => new PpError({ respuesta: '99', error }, detail, status);

export const fail = {
  key: (detail: string) => e99(ERROR_99.key, detail),
  input: (detail: string) => e99(ERROR_99.input, detail),
  paymentMethod: (detail: string) => e99(ERROR_99.paymentMethod, detail),
  signature: (detail: string) => e99(CHOSEN_99.signature, detail),
  fecha: (detail: string) => e99(CHOSEN_99.fecha, detail),
  code: (respuesta: keyof typeof MESSAGES, detail: string) => new PpError({ respuesta, error: MESSAGES[respuesta] }, detail),
  forced: (code: Code, scenario: string) => new PpError(code, `Scenario ${scenario}`),
  mismatch: (detail: string) => new StatusMismatch(detail),
};

/** The body HTTP.sys sends with a bare 400. */
const BAD_REQUEST_HTML =
  '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">\r\n' +
  '<HTML><HEAD><TITLE>Bad Request</TITLE>\r\n<META HTTP-EQUIV="Content-Type" Content="text/html; charset=us-ascii"></HEAD>\r\n' +
  '<BODY><h2>Bad Request</h2>\r\n<hr><p>HTTP Error 400. The request is badly formed.</p>\r\n</BODY></HTML>\r\n';

/** A malformed escape (`%ff`) stays as sent, as the router does with parameters. */
const STATUS_PATH = /^\/+transaccion\/+([^/]+)\/*$/;

/** Which answer shape a path gets: a status query's or a create's. */
function shapeOf(path: string): { kind: 'status'; token: string } | { kind: 'create' } | { kind: 'page' } {
  if (/^\/+transaccion\/+procesar(\/|$)/.test(path)) return { kind: 'page' };
  const m = STATUS_PATH.exec(path);
  return m && m[1] !== 'crear' ? { kind: 'status', token: tryDecodeURIComponent(m[1]!) } : { kind: 'create' };
}

const ascii = (text: string) => text.replace(/[^\x20-\x7e]/g, '?');

/**
 * `monto` of a create error: the recorded "Input string…" answer has `"0"` (a string), the
 * recorded "Financiador no válido" one `0` (a number); option `errorMonto` forces one.
 */
function montoStyle(code: Code, option: unknown): 'number' | 'string' {
  if (option === 'string' || option === 'number') return option;
  return code.error === ERROR_99.input ? 'string' : 'number';
}

export function renderError(c: PasarelaContext, error: unknown, ctx: ProviderContext<unknown, unknown, unknown>): Response {
  const path = new URL(c.req.url).pathname;
  if (error instanceof StatusMismatch) {
    return c.body(BAD_REQUEST_HTML, 400, { ...SERVER_HEADERS, 'content-type': 'text/html; charset=us-ascii', 'x-pasarela-detail': ascii(error.message) });
  }
  let code: Code;
  let status = 200;
  let detail: string;
  if (error instanceof PpError) {
    ({ code, detail, httpStatus: status } = error);
  } else if (error instanceof KernelError) {
    detail = error.message;
    switch (error.kind) {
      case 'not-found':
        [code, status] = [{ respuesta: '99', error: CHOSEN_99.notFound }, 404];
        break;
      case 'body-too-large':
        code = { respuesta: '99', error: CHOSEN_99.tooLarge };
        break;
      case 'unknown-scenario':
        [code, status] = [{ respuesta: '99', error: error.message }, 400];
        break;
      case 'fault':
        [code, status] = [error.status >= 500 ? { respuesta: '8', error: MESSAGES['8'] } : { respuesta: '99', error: ERROR_99.input }, error.status];
        break;
      default:
        [code, status] = [{ respuesta: '99', error: CHOSEN_99.internal }, 500];
    }
  } else {
    [code, status, detail] = [{ respuesta: '99', error: CHOSEN_99.internal }, 500, 'Unexpected error in the emulator (see the server log)'];
  }
  const shape = shapeOf(path);
  if (shape.kind === 'page') return errorPage(c, status === 200 ? 400 : status, code, detail);
  const body = shape.kind === 'status' ? statusError(code, shape.token) : createError(code, montoStyle(code, ctx.options.errorMonto));
  return jsonResponse(c, body, status, { 'x-pasarela-detail': ascii(detail) });
}
