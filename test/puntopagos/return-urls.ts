/**
 * A PuntoPagos merchant as added in code (`merchants.add`, no config check): the schema's
 * defaults via the kernel's own parser, then `extra` as given, so a URL the config would
 * refuse can be set.
 */
import { parseMerchant } from '../../emulators/kernel/config.ts';
import { puntopagos } from '../../emulators/puntopagos/index.ts';
import type { PpMerchant } from '../../emulators/puntopagos/state.ts';

export function defaultMerchantFor(key: string, extra: Partial<PpMerchant> = {}): PpMerchant {
  return { ...(parseMerchant(puntopagos, { key, secret: 's', name: 'Code Shop' }) as PpMerchant), ...extra };
}
