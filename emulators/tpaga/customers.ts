/**
 * Customers (reference §3.2): create with any subset of fields (an empty `{}` is fine),
 * get, and delete, which only works while the customer has no cards; a deleted
 * customer is gone (404), so deleting twice fails the second time.
 */
import type { Hono } from 'hono';
import { Table } from '../kernel/table.ts';
import type { PasarelaContext, PasarelaEnv } from '../kernel/types.ts';
import { authenticate } from './auth.ts';
import { fail } from './errors.ts';
import { newId, settings, type AddressRecord, type CustomerRecord, type TpagaContext, type TpagaMerchant } from './state.ts';
import { readBody } from './parse.ts';
import { validateOrThrow } from './validation.ts';
import { customerView } from './views.ts';

type Json = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function address(v: unknown): AddressRecord | null {
  if (!v || typeof v !== 'object') return null;
  const a = v as Json;
  const city = a.city && typeof a.city === 'object' ? (a.city as Json) : null;
  return {
    addressLine1: text(a.addressLine1),
    addressLine2: text(a.addressLine2),
    postalCode: text(a.postalCode),
    city: city ? { name: text(city.name), state: text(city.state), country: text(city.country) } : null,
  };
}

/**
 * A successful DELETE. tpaga_service's live spec parses the answer with `JSON.parse`, which
 * raises on an empty body, so the real answer had JSON: the object as it was (the exact
 * body is unrecorded). `deleteStatus: 204` gives the empty answer instead.
 */
export function deleted(c: PasarelaContext, ctx: TpagaContext, view: object): Response {
  return settings(ctx).deleteStatus === 204 ? c.body(null, 204) : c.json(view, 200);
}

export function findCustomer(ctx: TpagaContext, merchant: TpagaMerchant, id: string): CustomerRecord {
  const customer = Table.get(ctx.store.merchant(merchant.publicKey).customers, id);
  if (!customer || customer.deleted) throw fail.notFound('Customer', id);
  return customer;
}

export function customerRoutes(app: Hono<PasarelaEnv>, ctx: TpagaContext): void {
  app.post('/api/customer', async (c) => {
    const merchant = authenticate(c, ctx, 'private');
    const body = await readBody(c, 'Customer');
    validateOrThrow('customer', 'Customer', body);
    const customer: CustomerRecord = {
      id: newId(ctx),
      firstName: text(body.firstName),
      lastName: text(body.lastName),
      email: text(body.email),
      phone: text(body.phone),
      gender: text(body.gender),
      legalIdNumber: text(body.legalIdNumber),
      merchantCustomerId: text(body.merchantCustomerId),
      address: address(body.address),
      deleted: false,
      createdAt: ctx.clock.now().toISOString(),
    };
    Table.set(ctx.store.merchant(merchant.publicKey).customers, customer.id, customer);
    return c.json(customerView(customer), 201);
  });

  app.get('/api/customer/:id', (c) => {
    const merchant = authenticate(c, ctx, 'private');
    return c.json(customerView(findCustomer(ctx, merchant, c.req.param('id'))));
  });

  app.delete('/api/customer/:id', (c) => {
    const merchant = authenticate(c, ctx, 'private');
    const customer = findCustomer(ctx, merchant, c.req.param('id'));
    const cards = Table.values(ctx.store.merchant(merchant.publicKey).cards).filter((card) => card.customer === customer.id && !card.deleted);
    if (cards.length) {
      throw fail.invalid([
        fail.field('Customer', 'creditCards', cards.length, `Customer [${customer.id}] has ${cards.length} credit card(s): delete them before deleting the customer`),
      ]);
    }
    customer.deleted = true;
    return deleted(c, ctx, customerView(customer));
  });
}
