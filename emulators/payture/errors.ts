/**
 * Payture's one error renderer. Handlers throw `PaytureError(ErrCode)`; every failure
 * leaves as the command's own root element with `Success="False"` and the `ErrCode`,
 * HTTP 200 and `text/xml; charset=utf-8` (reference §2, §7). Kernel errors (unknown
 * route, body too large, faults, crashes) use the same shape with an HTTP status of
 * their own. `X-Pasarela-Detail` says in English what exactly was wrong.
 */
import { errCodeInfo } from '../../clients/payture/errcodes.ts';
import { KernelError, ProviderError } from '../kernel/errors.ts';
import type { PasarelaContext } from '../kernel/types.ts';
import { isXmlName, renderXml, XML_CONTENT_TYPE, type Attrs, type Template } from './xml.ts';

export class PaytureError extends ProviderError {
  constructor(
    readonly errCode: string,
    readonly detail: string,
    /** Attributes echoed beside Success and ErrCode (they override the command's echo). */
    readonly echo: Attrs = {},
  ) {
    super(detail);
    if (!errCodeInfo(errCode)) throw new Error(`pasarela payture: unknown ErrCode ${errCode}`);
  }
}

/** The command a request is answering, for the renderer: root name, template, echoed attributes. */
interface Command {
  root: string;
  template: Template;
  echo: Attrs;
}
const commands = new WeakMap<Request, Command>();

export function setCommand(c: PasarelaContext, root: string, template: Template, echo: Attrs = {}): void {
  commands.set(c.req.raw, { root, template, echo });
}

/** Adds attributes every answer to this request echoes (OrderId, VWUserLgn, Key…). */
export function echo(c: PasarelaContext, attrs: Attrs): void {
  const found = commands.get(c.req.raw);
  if (found) Object.assign(found.echo, attrs);
}

/** Codes after which the recorded sandbox did not echo the OrderId (reference §5.1). */
const NO_ORDER_ECHO = new Set(['ACCESS_DENIED', 'WRONG_PAY_INFO']);

export function xmlResponse(body: string, status = 200, detail?: string): Response {
  const headers: Record<string, string> = { 'content-type': XML_CONTENT_TYPE };
  if (detail) headers['x-pasarela-detail'] = detail.replace(/[^\x20-\x7e]/g, '?').slice(0, 500);
  return new Response(body, { status, headers });
}

export function failureBody(command: Command, errCode: string, extra: Attrs = {}): string {
  const attrs: Attrs = { ...command.echo, ...extra, Success: 'False', ErrCode: errCode };
  if (NO_ORDER_ECHO.has(errCode)) delete attrs.OrderId;
  return renderXml(command.root, command.template, attrs);
}

/** For requests that never reached a route: the root is the last path segment when it is a name. */
function guessCommand(c: PasarelaContext): Command {
  const last = new URL(c.req.url).pathname.split('/').filter(Boolean).pop() ?? '';
  return { root: isXmlName(last) && last.length <= 64 ? last : 'Error', template: 'customer', echo: {} };
}

export function renderError(c: PasarelaContext, error: unknown): Response {
  const command = commands.get(c.req.raw) ?? guessCommand(c);
  if (error instanceof PaytureError) return xmlResponse(failureBody(command, error.errCode, error.echo), 200, error.detail);
  if (error instanceof KernelError) {
    switch (error.kind) {
      case 'not-found':
        return xmlResponse(failureBody(command, 'WRONG_PARAMS'), 404, `${error.message}: not a Payture command`);
      case 'body-too-large':
        return xmlResponse(failureBody(command, 'WRONG_PARAMS'), error.status, error.message);
      case 'unknown-scenario':
        return xmlResponse(failureBody(command, 'WRONG_PARAMS'), 400, error.message);
      case 'fault':
        return xmlResponse(failureBody(command, 'INTERNAL_ERROR'), error.status, error.message);
      default:
        return xmlResponse(failureBody(command, 'INTERNAL_ERROR'), 500, error.message);
    }
  }
  return xmlResponse(failureBody(command, 'INTERNAL_ERROR'), 500, 'Unexpected error in the emulator (see the server log)');
}

/** Shorthands for the failures handlers throw. */
export const fail = (errCode: string, detail: string, echoAttrs: Attrs = {}) => new PaytureError(errCode, detail, echoAttrs);
