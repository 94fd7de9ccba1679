/** Every provider module Pasarela ships. Adding a provider is one line here. */
import type { ProviderModule } from './kernel/types.ts';
import { payture } from './payture/index.ts';
import { placetopay } from './placetopay/index.ts';
import { puntopagos } from './puntopagos/index.ts';
import { tpaga } from './tpaga/index.ts';

export const providers: readonly ProviderModule[] = [puntopagos, tpaga, payture, placetopay].sort((a, b) => a.portOffset - b.portOffset);
