/**
 * Where a contract suite runs. `PASARELA_TARGET=emulator` (default): an in-process
 * sandbox on a free port. `PASARELA_TARGET=live`: the provider's sandbox, with
 * credentials and base URL from the environment; without credentials the suite is
 * reported as skipped and its name says which variables are missing.
 */
import { afterAll, beforeAll } from 'vitest';
import { createSandbox, type Sandbox } from '../../emulators/index.ts';

export type TargetKind = 'emulator' | 'live';

export interface TargetSpec<C extends Record<string, string>> {
  provider: string;
  /** Credential name → environment variable, e.g. `{ login: 'PLACETOPAY_LOGIN' }`. */
  env: { [K in keyof C]: string };
  /** Environment variable that overrides the live base URL, and its default. */
  baseUrlEnv: string;
  liveBaseUrl: string;
  /** The emulator's default credentials. */
  emulator: C;
}

export interface ContractTarget<C> {
  kind: TargetKind;
  /** Set once `beforeAll` ran. */
  baseUrl: string;
  credentials: C;
  /** Reason the suite cannot run here (missing credentials), or undefined. */
  skip: string | undefined;
  /** Suite title with the target and, when skipped, why. */
  title: string;
  /** Only on the emulator: the in-process sandbox (admin API, clock, webhooks). */
  sandbox: Sandbox | undefined;
  /** `describe` title suffix for cases that need the emulator's admin API. */
  emulatorOnly: string;
}

export function contractTarget<C extends Record<string, string>>(spec: TargetSpec<C>): ContractTarget<C> {
  const kind: TargetKind = process.env.PASARELA_TARGET === 'live' ? 'live' : 'emulator';
  if (kind === 'emulator') {
    const target: ContractTarget<C> = {
      kind,
      baseUrl: '',
      credentials: spec.emulator,
      skip: undefined,
      title: `${spec.provider} contract (emulator)`,
      sandbox: undefined,
      emulatorOnly: '',
    };
    beforeAll(async () => {
      const sandbox = createSandbox({ providers: [spec.provider] });
      const { urls } = await sandbox.start({ port: 0 });
      target.sandbox = sandbox;
      target.baseUrl = urls[spec.provider]!;
    });
    afterAll(async () => {
      await target.sandbox?.stop();
    });
    return target;
  }
  const missing = Object.values<string>(spec.env).filter((name) => !process.env[name]);
  const credentials = Object.fromEntries(Object.entries<string>(spec.env).map(([k, name]) => [k, process.env[name] ?? ''])) as C;
  const baseUrl = (process.env[spec.baseUrlEnv] || spec.liveBaseUrl).replace(/\/+$/, '');
  const skip = missing.length ? `set ${missing.join(' and ')} to run against ${baseUrl}` : undefined;
  return {
    kind,
    baseUrl,
    credentials,
    skip,
    title: `${spec.provider} contract (live ${baseUrl})${skip ? `: skipped, ${skip}` : ''}`,
    sandbox: undefined,
    emulatorOnly: ' (emulator only: needs the admin API to pay without a browser)',
  };
}
