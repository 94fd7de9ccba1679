// Bad input on every route of every provider, through MSW on the real hosts.
import { createSandbox, providers } from '../../emulators/index.ts';
import { useMsw } from '../helpers/msw.ts';
import { robustnessCases } from './robustness.cases.ts';

const errors: string[] = [];
const sandbox = createSandbox({ logError: (m) => errors.push(m) });
useMsw(() => sandbox.handlers());
robustnessCases({ sandbox: () => sandbox, base: (p) => providers.find((m) => m.id === p)!.hosts[0]!, errors: () => errors }, providers.map((p) => p.id));
