/** A complete PuntoPagos merchant record (what the schema's defaults would give), for merchants added in code. */
import type { PpMerchant } from '../../emulators/puntopagos/state.ts';

export function defaultMerchantFor(key: string, extra: Partial<PpMerchant> = {}): PpMerchant {
  return {
    key,
    secret: 's',
    notificationMode: 'auto',
    allowedIps: [],
    algorithm: 'sha1',
    fechaWindowSeconds: 0,
    uniqueTrxId: false,
    unknownToken: 'http-400',
    paymentMethods: [3, 10],
    name: 'Code Shop',
    ...extra,
  };
}
