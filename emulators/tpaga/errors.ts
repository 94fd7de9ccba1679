/**
 * Tpaga's error catalogue and its one renderer. Tpaga v2 was a Grails application; its
 * validation errors are Grails' JSON rendering of `Errors` (reference §4.3):
 *
 *   {"errors": [{"object": "CreditCardCharge", "field": "amount", "rejected-value": null, "message": "…"}]}
 *
 * The emulator answers every non-charge error (400, 401, 404, 413, 422, 500) in that
 * envelope, with `field: null` when no field is at fault, so that a client reading
 * `errors[0]` never crashes. 402 and 406 carry the charge object instead, and a gateway
 * failure (502/504) is the HTML page of the load balancer in front of the API.
 * `X-Pasarela-Detail` says in English exactly what was wrong.
 */
import { KernelError, ProviderError } from '../kernel/errors.ts';
import type { PasarelaContext } from '../kernel/types.ts';

export interface ErrorItem {
  object: string | null;
  field: string | null;
  'rejected-value': unknown;
  message: string;
}

export class TpagaError extends ProviderError {
  constructor(
    readonly status: 400 | 401 | 404 | 413 | 422 | 500,
    readonly items: ErrorItem[],
    readonly detail: string = items.map((i) => i.message).join('; '),
  ) {
    super(detail);
  }
}

/** A refund that cannot be made: 406 with the charge as it is. */
export class NotRefundable extends ProviderError {
  constructor(
    readonly charge: unknown,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** The gateway in front of the API fails (scenario `processor-*`): HTML, no JSON. */
export class GatewayFailure extends ProviderError {
  constructor(
    readonly status: 502 | 504,
    readonly detail: string,
  ) {
    super(detail);
  }
}

const item = (message: string, object: string | null = null, field: string | null = null, rejected: unknown = null): ErrorItem => ({
  object,
  field,
  'rejected-value': rejected,
  message,
});

export const fail = {
  /** Spring Security's wording: no credentials at all, or credentials it does not know. */
  unauthenticated: (detail: string) => new TpagaError(401, [item('Full authentication is required to access this resource')], detail),
  badCredentials: (detail: string) => new TpagaError(401, [item('Bad credentials')], detail),
  notFound: (object: string, id: string) => new TpagaError(404, [item(`${object} not found with id [${id}]`, object, 'id', id)]),
  badBody: (object: string, detail: string) => new TpagaError(400, [item(`The request body must be a JSON object: ${detail}`, object)], detail),
  invalid: (items: ErrorItem[]) => new TpagaError(422, items),
  field: (object: string, field: string, rejected: unknown, message: string) => item(message, object, field, rejected),
};

const GATEWAY_TEXT = { 502: 'Bad Gateway', 504: 'Gateway Time-out' } as const;
const REASON_PHRASES: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

const detailHeader = (detail: string) => ({ 'x-pasarela-detail': detail.replace(/[^\x20-\x7e]/g, '?').slice(0, 500) });

export function renderError(c: PasarelaContext, error: unknown): Response {
  if (error instanceof TpagaError) {
    const headers: Record<string, string> = detailHeader(error.detail);
    if (error.status === 401) headers['www-authenticate'] = 'Basic realm="Tpaga API"';
    return c.json({ errors: error.items }, error.status, headers);
  }
  if (error instanceof NotRefundable) return c.json(error.charge, 406, detailHeader(error.detail));
  if (error instanceof GatewayFailure) {
    const title = `${error.status} ${GATEWAY_TEXT[error.status]}`;
    return c.html(`<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`, error.status, detailHeader(error.detail));
  }
  if (error instanceof KernelError) {
    const [status, message] =
      error.kind === 'not-found'
        ? [404, 'Not Found']
        : error.kind === 'body-too-large'
          ? [413, 'Request Entity Too Large']
          : error.kind === 'unknown-scenario'
            ? [400, error.message]
            : error.kind === 'fault'
              ? [error.status, REASON_PHRASES[error.status] ?? (error.status >= 500 ? 'Internal Server Error' : 'Bad Request')]
              : [500, 'Internal Server Error'];
    return c.json({ errors: [item(message)] }, status as 400, detailHeader(error.message));
  }
  return c.json({ errors: [item('Internal Server Error')] }, 500, detailHeader('Unexpected error in the emulator (see the server log)'));
}
