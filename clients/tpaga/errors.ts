/**
 * What a Tpaga call can fail with. Every error carries the HTTP status and the body;
 * the subclasses add what that status means (reference §4.1, §8).
 */
import type { CreditCardCharge, FieldError } from './types.ts';

export class TpagaError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'TpagaError';
  }

  /** The `errors` list of an error envelope (400/401/404/422), else empty. */
  get errors(): FieldError[] {
    const errors = (this.body as { errors?: unknown } | null)?.errors;
    return Array.isArray(errors) ? (errors as FieldError[]) : [];
  }
}

/** 401: missing or wrong key, or the wrong kind of key (public vs private). */
export class TpagaAuthError extends TpagaError {
  override name = 'TpagaAuthError';
}

/** 400/422: the request was refused; `fieldErrors` name each bad field. */
export class TpagaValidationError extends TpagaError {
  override name = 'TpagaValidationError';
  get fieldErrors(): FieldError[] {
    return this.errors;
  }
}

export class TpagaNotFoundError extends TpagaError {
  override name = 'TpagaNotFoundError';
}

/** 402: the charge was declined; the body is the charge object. */
export class TpagaDeclinedError extends TpagaError {
  override name = 'TpagaDeclinedError';
  get charge(): CreditCardCharge {
    return this.body as CreditCardCharge;
  }
  get errorCode(): string {
    return this.charge.errorCode;
  }
  get errorMessage(): string {
    return this.charge.errorMessage;
  }
  /** errorCode 9999 or "": Tpaga does not know whether the money moved (treat as pending). */
  get outcomeUnknown(): boolean {
    return this.errorCode === '9999' || this.errorCode === '';
  }
}

/** 406: a refund that cannot be made; the body is the charge as it is. */
export class TpagaRefundRefusedError extends TpagaError {
  override name = 'TpagaRefundRefusedError';
  get charge(): CreditCardCharge {
    return this.body as CreditCardCharge;
  }
}

/** 5xx: the gateway failed. For a charge the outcome is UNKNOWN: the card may have been charged. */
export class TpagaGatewayError extends TpagaError {
  override name = 'TpagaGatewayError';
}

export function errorFor(status: number, body: unknown, what: string): TpagaError {
  const first = (body as { errors?: FieldError[] } | null)?.errors?.[0]?.message;
  const text = (detail: string) => `Tpaga ${what}: HTTP ${status}${detail ? ` ${detail}` : ''}`;
  switch (status) {
    case 401:
      return new TpagaAuthError(text(first ?? 'unauthorized'), status, body);
    case 402: {
      const charge = body as Partial<CreditCardCharge> | null;
      return new TpagaDeclinedError(text(`declined, errorCode ${JSON.stringify(charge?.errorCode)} (${charge?.errorMessage ?? ''})`), status, body);
    }
    case 404:
      return new TpagaNotFoundError(text(first ?? 'not found'), status, body);
    case 406:
      return new TpagaRefundRefusedError(text('refund not acceptable'), status, body);
    case 400:
    case 422:
      return new TpagaValidationError(text(first ?? 'invalid request'), status, body);
    default:
      return status >= 500 ? new TpagaGatewayError(text('gateway failure'), status, body) : new TpagaError(text(first ?? ''), status, body);
  }
}
