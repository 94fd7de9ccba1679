/**
 * What the PuntoPagos emulator stores. Plain JSON only (snapshots and the state file
 * round-trip it). Cards are kept as BIN + last 4 digits; never a PAN or a CVV.
 */
import { Table } from '../kernel/table.ts';
import type { TxState } from '../../scenarios/puntopagos.ts';
import type { SignatureAlgorithm } from '../../clients/puntopagos/signature.ts';

export interface PpMerchant {
  /** Key id ("LlaveID"): the credential state is kept under. */
  key: string;
  /** Secret key ("LlaveSecreta"). */
  secret: string;
  notificationUrl?: string;
  /** auto: signed POST to https URLs, `GET {url}{token}` to http ones (reference §2.6). */
  notificationMode: 'auto' | 'post' | 'get';
  successUrl?: string;
  failureUrl?: string;
  /** Caller IPs allowed to call the API; empty = any (respuesta 9 otherwise). */
  allowedIps: string[];
  /** HMAC-SHA1 (every client, the manual's vectors) or HMAC-SHA512 (the 2024 manual's word). */
  algorithm: SignatureAlgorithm;
  /** `Fecha` must be within this many seconds of the virtual clock (the manual's 120); 0, the default, does not check, as the 2018 sandbox. */
  fechaWindowSeconds: number;
  /** A trx_id used before answers 3 "Transaccion ya existe"; off by default: the 2018 sandbox accepted repeats. */
  uniqueTrxId: boolean;
  /** A status query for a token this merchant does not have: HTTP 400 like any mismatch (the Python client's doc), or respuesta 4. */
  unknownToken: 'http-400' | 'respuesta-4';
  /** `medio_pago` ids this merchant has; others answer 99 "Financiador no válido". */
  paymentMethods: number[];
  name: string;
}

export interface PaymentRecord {
  medioPago: number;
  /** `fecha_aprobacion`: local time without zone, `yyyy-MM-ddTHH:mm:ss`. */
  at: string;
  card: { bin: string; last4: string } | null;
  numCuotas: number;
  tipoCuotas: string | null;
  valorCuota: number;
  primerVencimiento: string | null;
  numeroOperacion: string;
  codigoAutorizacion: string | null;
  /** The scenario that decided the outcome. */
  scenario: string;
}

export interface TransactionRecord {
  token: string;
  merchant: string;
  /** The trx_id as an integer in decimal text (echoed as a string). */
  trxId: string;
  /** The amount with two decimals, exactly as it is signed and echoed. */
  monto: string;
  /** Chosen at create; null when the buyer chooses on the hosted page. */
  medioPago: number | null;
  detalle: string | null;
  state: TxState;
  payment: PaymentRecord | null;
  /** Payment scenario sent with X-Pasarela-Scenario on create, applied when the buyer pays. */
  forcedOutcome?: string;
  createdAt: string;
  updatedAt: string;
  history: { at: string; state: TxState; respuesta: string; note?: string }[];
}

export interface PpState {
  /** token → transaction */
  transactions: Table<TransactionRecord>;
  /** trx_id → token of its latest transaction (uniqueness per merchant, with uniqueTrxId) */
  byTrxId: Table<string>;
}

export interface PpShared {
  /** token → merchant key, for the hosted page (reached without credentials). */
  owners: Table<string>;
}

export const initialState = (): PpState => ({ transactions: Table.create(), byTrxId: Table.create() });
export const initialShared = (): PpShared => ({ owners: Table.create() });
