// Merchant configuration: validated per provider, defaults filled, same key replaces.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../emulators/index.ts';
import { ConfigError } from '../../emulators/kernel/config.ts';
import type { MerchantRegistry } from '../../emulators/kernel/merchants.ts';

const dir = mkdtempSync(join(tmpdir(), 'pasarela-config-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('merchant configuration', () => {
  it('adds merchants with defaults filled and replaces a default with the same key', () => {
    const configFile = file('ok.json', JSON.stringify({ placetopay: [{ login: 'site-2', secretKey: 'k2' }, { login: 'sandbox-login', secretKey: 'changed' }] }));
    const merchants = createSandbox({ configFile }).provider('placetopay').merchants as MerchantRegistry<Record<string, unknown>>;
    expect(merchants.list()).toHaveLength(2);
    expect(merchants.get('site-2')).toMatchObject({ notificationSignature: 'sha1', locale: 'es_CO', state: 'active', attemptsLimit: 10 });
    expect(merchants.get('sandbox-login')!.secretKey).toBe('changed');
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['not an object', '[]', /object keyed by provider id/],
    ['unknown provider', '{"stripe": []}', /unknown provider "stripe"/],
    ['provider value not a list', '{"placetopay": {}}', /must be a list/],
    ['entry missing a field', '{"placetopay": [{"login": "x"}]}', /placetopay\[0\]: .*secretKey/],
    ['entry with a wrong value', '{"placetopay": [{"login": "x", "secretKey": "y", "notificationSignature": "md5"}]}', /notificationSignature/],
  ])('%s is a ConfigError that says where', (_name, text, message) => {
    const configFile = file(`${_name.replace(/\W/g, '')}.json`, text);
    expect(() => createSandbox({ configFile })).toThrow(ConfigError);
    expect(() => createSandbox({ configFile })).toThrow(message);
  });

  it('a missing file is a ConfigError naming it', () => {
    expect(() => createSandbox({ configFile: join(dir, 'absent.json') })).toThrow(/cannot read config file .*absent\.json/);
  });
});
