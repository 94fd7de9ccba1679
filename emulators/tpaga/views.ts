/** The wire shapes of Tpaga's objects (reference §3.2, §3.6, §3.7), built from records. */
import { formatAmount } from './fees.ts';
import type { CardRecord, ChargeRecord, CustomerRecord } from './state.ts';

/** `address` only when one was sent: a live answer of ~2020 (tpaga_service) has no such key. */
export function customerView(c: CustomerRecord) {
  return {
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    phone: c.phone,
    gender: c.gender,
    legalIdNumber: c.legalIdNumber,
    merchantCustomerId: c.merchantCustomerId,
    ...(c.address !== null ? { address: c.address } : {}),
  };
}

/**
 * The card as answered since 2017: the 2016 sample (the seed) plus the legal-id fields,
 * which live answers always carry (`null` when none was tokenized: tpaga_service's
 * associate, a Django GET). `validationCharge` only when the merchant has card validation
 * on; `creditCardChecks` only when a legal-id check ran (no recorded answer has one).
 */
export function cardView(card: CardRecord) {
  const b = card.billing;
  return {
    id: card.id,
    bin: card.bin,
    type: card.type,
    expirationMonth: card.expirationMonth,
    expirationYear: card.expirationYear,
    lastFour: card.lastFour,
    customer: card.customer,
    cardHolderName: card.cardHolderName,
    cardHolderLegalIdNumber: card.cardHolderLegalIdNumber,
    cardHolderLegalIdType: card.cardHolderLegalIdType,
    addressLine1: b?.addressLine1 ?? null,
    addressLine2: b?.addressLine2 ?? null,
    addressCity: b?.city ?? null,
    addressState: b?.state ?? null,
    addressPostalCode: b?.postalCode ?? null,
    addressCountry: b?.country ?? null,
    fingerprint: card.fingerprint,
    ...(card.validationCharge ? { validationCharge: card.validationCharge } : {}),
    ...(card.creditCardChecks ? { creditCardChecks: card.creditCardChecks } : {}),
  };
}

export function chargeView(ch: ChargeRecord) {
  return {
    id: ch.id,
    amount: formatAmount(ch.amount),
    taxAmount: formatAmount(ch.taxAmount),
    iacAmount: formatAmount(ch.iacAmount),
    tipAmount: formatAmount(ch.tipAmount),
    netAmount: formatAmount(ch.netAmount),
    tpagaFeeAmount: formatAmount(ch.tpagaFeeAmount),
    reteRentaAmount: formatAmount(ch.reteRentaAmount),
    reteIcaAmount: formatAmount(ch.reteIcaAmount),
    reteIvaAmount: formatAmount(ch.reteIvaAmount),
    currency: ch.currency,
    creditCard: ch.creditCard,
    customer: ch.customer,
    installments: ch.installments,
    orderId: ch.orderId,
    description: ch.description,
    thirdPartyId: ch.thirdPartyId,
    ...(ch.childMerchantId !== null ? { childMerchantId: ch.childMerchantId } : {}),
    paid: ch.paid,
    paymentTransaction: ch.paymentTransaction,
    transactionInfo: { authorizationCode: ch.authorizationCode, status: ch.status },
    errorCode: ch.errorCode,
    errorMessage: ch.errorMessage,
    dateCreated: ch.dateCreated,
  };
}
