/** Wire types of the PuntoPagos REST API (reference §2). */

/** `"00"` OK; single-digit codes without a leading zero; `"99"` request or credential error. */
export type Respuesta = '00' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '11' | '99' | (string & {});

export interface CreateRequest {
  /** Merchant's transaction id: digits, as a number or a string. */
  trx_id: number | string | bigint;
  /** Amount in CLP; any decimal number or numeric string (signed as two decimals). */
  monto: number | string | bigint;
  /** Payment method id (reference §7); omit to let the buyer choose on the hosted page. */
  medio_pago?: number | string;
  detalle?: string;
  /** Anything else is sent as is (some clients add `fecha`). */
  [extra: string]: unknown;
}

export interface CreateResponse {
  respuesta: Respuesta;
  token: string | null;
  trx_id: string | null;
  monto: number | string;
  error: string | null;
  medio_pago?: string | null;
}

export interface StatusRequest {
  token: string;
  trx_id: number | string | bigint;
  monto: number | string | bigint;
}

/** The status object; real responses carry every key, with `null`/`0` when empty. */
export interface StatusResponse {
  respuesta: Respuesta;
  token: string | null;
  trx_id: string | null;
  medio_pago: string | null;
  medio_pago_descripcion: string | null;
  monto: number;
  fecha_aprobacion: string | null;
  numero_tarjeta: string | null;
  num_cuotas: number;
  tipo_cuotas: string | null;
  valor_cuota: number;
  primer_vencimiento: string | null;
  numero_operacion: string | null;
  codigo_autorizacion: string | null;
  tipo_pago: string | null;
  error: string | null;
}

/** What PuntoPagos POSTs to an https notification URL: the status object of the transaction. */
export type Notification = StatusResponse;

/** The merchant's answer to a notification. */
export interface Acknowledgement {
  respuesta: '00' | '99';
  token?: string;
  error?: string;
}

/** Like the seed's PuntopagosResponse: `complete` is false when HTTP failed (`httpError`). */
export interface PuntoPagosResponse<T> {
  complete: boolean;
  /** HTTP status when it was not 2xx (e.g. 400 for a status query whose trx_id/monto/token do not match). */
  httpError?: number;
  /** The parsed body when `complete`. */
  data?: T;
  /** HTTP status and raw body, always. */
  status: number;
  body: string;
  /** Why `complete` is false when HTTP itself was fine (body not JSON, contract mismatch). */
  problem?: string;
}
