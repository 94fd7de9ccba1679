/**
 * Cards (reference §3.3–§3.6): tokenize in the browser with the public key, attach the
 * single-use token to a customer (or, legacy, create the card from raw data on the
 * server), get and delete. Only BIN, last four and a keyed fingerprint are kept.
 *
 * With `validationCharge` on for the merchant, storing a card runs a validation charge
 * decided by the card's scenario (or a forced one); a failed validation still stores
 * the card and answers 201 with `validationCharge.successful: false`, as observed.
 */
import { createHmac } from 'node:crypto';
import type { Hono } from 'hono';
import { cardScenario, type TpagaScenario } from '../../scenarios/tpaga.ts';
import { Table } from '../kernel/table.ts';
import type { PasarelaContext, PasarelaEnv } from '../kernel/types.ts';
import { authenticate } from './auth.ts';
import { deleted, findCustomer } from './customers.ts';
import { fail } from './errors.ts';
import { newId, settings, type BillingAddress, type CardData, type CardRecord, type CustomerRecord, type TokenRecord, type TpagaContext, type TpagaMerchant } from './state.ts';
import { readBody } from './parse.ts';
import { cardErrors, readCard, shown, validateOrThrow } from './validation.ts';
import { cardView } from './views.ts';

type Json = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function cardRoutes(app: Hono<PasarelaEnv>, ctx: TpagaContext): void {
  // Same card → same fingerprint, but only inside this process: the key is never stored,
  // so a fingerprint next to BIN + last four cannot be brute-forced back into a PAN.
  const fingerprintKey = ctx.ids.token(32);
  const cardData = (body: Json): CardData => {
    const card = readCard(body);
    return {
      bin: card.pan.slice(0, 6),
      lastFour: card.pan.slice(-4),
      type: card.type,
      expirationMonth: card.expirationMonth,
      expirationYear: card.expirationYear,
      cardHolderName: String(body.cardHolderName),
      cardHolderLegalIdNumber: text(body.cardHolderLegalIdNumber),
      cardHolderLegalIdType: text(body.cardHolderLegalIdType) ?? settings(ctx).cardHolderLegalIdTypeDefault,
      fingerprint: createHmac('sha256', fingerprintKey).update(card.pan).digest('hex'),
      scenario: cardScenario(card.pan)?.id ?? null,
    };
  };

  app.post('/api/tokenize/credit_card', async (c) => {
    const merchant = authenticate(c, ctx, 'public');
    const body = await readBody(c, 'CreditCardToken');
    const requireCvc = settings(ctx).requireCvc;
    validateOrThrow('tokenize', 'CreditCardToken', body, (bad) => cardErrors('CreditCardToken', body, ctx.clock.nowMs(), bad, { field: 'cvc', required: requireCvc }));
    const token = newId(ctx);
    Table.set(ctx.store.merchant(merchant.publicKey).tokens, token, { token, card: cardData(body), used: false, createdAt: ctx.clock.now().toISOString() });
    return c.json({ token, used: false }, 201);
  });

  app.post('/api/customer/:customerId/credit_card_token', async (c) => {
    const merchant = authenticate(c, ctx, 'private');
    const body = await readBody(c, 'Token');
    const customer = findCustomer(ctx, merchant, c.req.param('customerId'));
    validateOrThrow('credit-card-token', 'Token', body);
    const token = usableToken(ctx, merchant, String(body.token));
    token.used = true;
    const card = storeCard(c, ctx, merchant, customer, token.card, null, body.skipLegalIdCheck === true);
    return c.json(cardView(card), 201);
  });

  app.post('/api/customer/:customerId/credit_card', async (c) => {
    const merchant = authenticate(c, ctx, 'private');
    const body = await readBody(c, 'CreditCardCreate');
    const customer = findCustomer(ctx, merchant, c.req.param('customerId'));
    validateOrThrow('credit-card', 'CreditCardCreate', body, (bad) =>
      cardErrors('CreditCardCreate', body, ctx.clock.nowMs(), bad, { field: 'cardVerificationCode', required: false }),
    );
    const b = (body.billingAddress ?? null) as Json | null;
    const billing: BillingAddress | null = b && {
      addressLine1: text(b.addressLine1),
      addressLine2: text(b.addressLine2),
      city: text(b.city),
      state: text(b.state),
      postalCode: text(b.postalCode),
      country: text(b.country),
    };
    return c.json(cardView(storeCard(c, ctx, merchant, customer, cardData(body), billing, false)), 201);
  });

  app.get('/api/customer/:customerId/credit_card/:cardId', (c) => {
    const merchant = authenticate(c, ctx, 'private');
    return c.json(cardView(findCard(ctx, merchant, c.req.param('customerId'), c.req.param('cardId'))));
  });

  app.delete('/api/customer/:customerId/credit_card/:cardId', (c) => {
    const merchant = authenticate(c, ctx, 'private');
    const card = findCard(ctx, merchant, c.req.param('customerId'), c.req.param('cardId'));
    const charges = Table.values(ctx.store.merchant(merchant.publicKey).charges).filter((ch) => ch.creditCard === card.id).length;
    if (charges) {
      throw fail.invalid([fail.field('CreditCard', 'charges', charges, `CreditCard [${card.id}] has ${charges} charge(s) and cannot be deleted`)]);
    }
    card.deleted = true;
    return deleted(c, ctx, cardView(card));
  });
}

/** This merchant's token, unused and not expired; otherwise a 422 on `token` saying why. */
function usableToken(ctx: TpagaContext, merchant: TpagaMerchant, value: string): TokenRecord {
  const token = Table.get(ctx.store.merchant(merchant.publicKey).tokens, value);
  const ttl = settings(ctx).tokenTtlSeconds;
  const problem = !token
    ? 'does not exist'
    : token.used
      ? 'has already been used: tokens are single use'
      : ttl !== null && ctx.clock.nowMs() - Date.parse(token.createdAt) > ttl * 1000
        ? 'has expired'
        : undefined;
  if (!token || problem) {
    const echoed = String(shown('token', value));
    throw fail.invalid([fail.field('Token', 'token', echoed, `Property [token] of class [class Token] with value [${echoed}] ${problem}`)]);
  }
  return token;
}

function findCard(ctx: TpagaContext, merchant: TpagaMerchant, customerId: string, cardId: string): CardRecord {
  findCustomer(ctx, merchant, customerId);
  const card = Table.get(ctx.store.merchant(merchant.publicKey).cards, cardId);
  if (!card || card.deleted || card.customer !== customerId) throw fail.notFound('CreditCard', cardId);
  return card;
}

function storeCard(
  c: PasarelaContext,
  ctx: TpagaContext,
  merchant: TpagaMerchant,
  customer: CustomerRecord,
  data: CardData,
  billing: BillingAddress | null,
  skipLegalIdCheck: boolean,
): CardRecord {
  const card: CardRecord = {
    ...data,
    id: newId(ctx),
    customer: customer.id,
    billing,
    validationCharge: merchant.validationCharge ? validationCharge(c, ctx, merchant, data) : null,
    creditCardChecks: legalIdCheck(customer, data, skipLegalIdCheck),
    deleted: false,
    createdAt: ctx.clock.now().toISOString(),
  };
  Table.set(ctx.store.merchant(merchant.publicKey).cards, card.id, card);
  return card;
}

/**
 * The legal-id check runs only when there is something to compare (a legal id on the card
 * and on the customer) and the merchant did not skip it; otherwise no `creditCardChecks`.
 * Its values are the emulator's (reference: unconfirmed).
 */
function legalIdCheck(customer: CustomerRecord, data: CardData, skip: boolean): CardRecord['creditCardChecks'] {
  if (skip || data.cardHolderLegalIdNumber === null || customer.legalIdNumber === null) return null;
  return { cardHolderLegalIdMatches: customer.legalIdNumber === data.cardHolderLegalIdNumber ? 'MATCH' : 'MISMATCH' };
}

function validationCharge(c: PasarelaContext, ctx: TpagaContext, merchant: TpagaMerchant, data: CardData) {
  const magic = data.scenario ? (ctx.scenarios.get(data.scenario) as TpagaScenario | undefined) : undefined;
  const effect = (ctx.scenarios.resolve(c, { magic, merchant: merchant.publicKey })?.scenario as TpagaScenario | undefined)?.effect;
  if (!effect || effect.kind === 'approve') return { successful: true, errorCode: '00' };
  // A gateway failure during validation leaves its result unknown.
  return { successful: false, errorCode: effect.kind === 'decline' ? effect.errorCode : '9999' };
}
