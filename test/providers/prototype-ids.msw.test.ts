// Ids named like Object.prototype members on every route, through MSW on the real hosts.
import '../helpers/freeze-prototype.ts';
import { createSandbox, providers } from '../../emulators/index.ts';
import { useMsw } from '../helpers/msw.ts';
import { prototypeIdCases } from './prototype-ids.cases.ts';

const errors: string[] = [];
const sandbox = createSandbox({ logError: (m, e) => errors.push(`${m}: ${String(e)}`), webhooks: { delayMs: 60_000 } });
useMsw(() => sandbox.handlers());
const hosts = Object.fromEntries(providers.map((p) => [p.id, p.hosts[0]!.replace(/\/$/, '')]));
prototypeIdCases({ sandbox: () => sandbox, base: (p) => hosts[p]!, errors: () => errors });
