/**
 * How stored records look on the wire: Status, Transaction and RedirectInformation
 * (reference §5.2, §6). Messages are rendered in the request's language; dates are the
 * stored strings, untouched, because notification signatures depend on them.
 */
import { Table } from '../kernel/table.ts';
import { SESSION_TEXT, statusText, TRANSACTION_TEXT, type Lang, type Text } from './messages.ts';
import { transactionsOf, type PtpState, type SessionRecord, type StatusRecord, type TokenRecord, type TransactionRecord } from './state.ts';

export function statusView(s: StatusRecord, table: Record<string, Text>, lang: Lang) {
  return { status: s.status, reason: s.reason, message: statusText(table, s.status, s.reason, lang), date: s.date };
}

export function transactionView(t: TransactionRecord, lang: Lang) {
  const installments = t.card.installments;
  return {
    status: statusView(t.status, TRANSACTION_TEXT, lang),
    internalReference: t.internalReference,
    paymentMethod: t.paymentMethod,
    paymentMethodName: t.paymentMethodName,
    issuerName: t.issuerName,
    amount: { from: { currency: t.currency, total: t.total }, to: { currency: t.currency, total: t.total }, factor: 1 },
    authorization: t.authorization,
    reference: t.reference,
    receipt: t.receipt,
    franchise: t.franchise,
    refunded: t.refunded,
    processorFields: [
      { keyword: 'merchantCode', value: '1465675', displayOn: 'none' },
      { keyword: 'terminalNumber', value: '00990099', displayOn: 'none' },
      { keyword: 'credit', value: { code: '1', type: installments > 1 ? '02' : '00', groupCode: installments > 1 ? 'P' : 'C', installments }, displayOn: 'none' },
      { keyword: 'totalAmount', value: t.total, displayOn: 'none' },
      { keyword: 'interestAmount', value: 0, displayOn: 'none' },
      { keyword: 'installmentAmount', value: Math.round((t.total / installments) * 100) / 100, displayOn: 'none' },
      { keyword: 'iceAmount', value: 0, displayOn: 'none' },
      { keyword: 'bin', value: t.card.bin, displayOn: 'none' },
      { keyword: 'expiration', value: t.card.expiration, displayOn: 'none' },
      { keyword: 'installments', value: installments, displayOn: 'none' },
      { keyword: 'lastDigits', value: t.card.lastDigits, displayOn: 'none' },
      { keyword: 'b24', value: t.status.status === 'APPROVED' ? '00' : String(t.status.reason ?? ''), displayOn: 'none' },
    ],
  };
}

/**
 * The legacy `/api/reverse` answer (2021 live fixture): totals as decimal strings with the
 * currency's minor units (`"2009000.00"`) and no processorFields on the reversal.
 */
export function legacyTransactionView(t: TransactionRecord, lang: Lang, digits: number) {
  const { processorFields: _fields, ...view } = transactionView(t, lang);
  const total = t.total.toFixed(digits);
  return { ...view, amount: { from: { currency: t.currency, total }, to: { currency: t.currency, total }, factor: 1 } };
}

export function subscriptionView(session: SessionRecord, token: TokenRecord | undefined, lang: Lang) {
  if (!session.subscription || !token) return null;
  const pair = (keyword: string, value: unknown) => ({ keyword, value, displayOn: 'none' });
  return {
    status: statusView(session.subscription.status, SESSION_TEXT, lang),
    type: 'token',
    instrument: [
      pair('token', token.token),
      pair('subtoken', token.subtoken),
      pair('franchise', token.paymentMethod),
      pair('franchiseName', token.franchiseName),
      pair('issuerName', token.issuerName),
      pair('lastDigits', token.card.lastDigits),
      pair('validUntil', token.validUntil),
      pair('installments', null),
    ],
  };
}

/** The session's transactions as `payment[]`, newest first; refunds are not listed (reference §8). */
export function sessionTransactions(state: PtpState, session: SessionRecord): TransactionRecord[] {
  return transactionsOf(state, session).filter((t) => t.kind !== 'refund').reverse();
}

export function sessionView(state: PtpState, session: SessionRecord, lang: Lang) {
  const request = structuredClone(session.request);
  // Payment sessions get `_processUrl_` and `_session_` (2024-2026 answers); subscription (2021)
  // and collect echoes show only the merchant's own fields.
  if (session.kind !== 'subscription' && session.kind !== 'collect') {
    request.fields = [
      ...((request.fields as unknown[] | undefined) ?? []),
      { keyword: '_processUrl_', value: session.processUrl, displayOn: 'none' },
      { keyword: '_session_', value: session.requestId, displayOn: 'none' },
    ];
  }
  const txs = sessionTransactions(state, session);
  return {
    requestId: session.requestId,
    status: statusView(session.status, SESSION_TEXT, lang),
    request,
    payment: txs.length ? txs.map((t) => transactionView(t, lang)) : null,
    subscription: subscriptionView(session, session.subscription ? Table.get(state.tokens, session.subscription.token) : undefined, lang),
  };
}
