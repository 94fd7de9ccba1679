/**
 * The schema of a sandbox snapshot (`POST /__admin/snapshot`, `--state-file`): checked in
 * full before a restore replaces anything, so a hand-edited or foreign file is refused with
 * the first problem named, instead of turning every later request into a 500. Each provider
 * describes one merchant's state and its shared state (`stateSchema`, `sharedSchema`).
 */
import type { ValidateFunction } from 'ajv';
import { createAjv, describeErrors } from './schema.ts';
import type { ProviderModule } from './types.ts';

const counter = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER };
const text = { type: 'string' };

const webhookSnapshot = {
  type: 'object',
  required: ['nextId', 'jobs'],
  properties: {
    nextId: counter,
    jobs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['delivery', 'dueMs'],
        properties: {
          dueMs: { type: ['number', 'null'] },
          delivery: {
            type: 'object',
            required: ['id', 'provider', 'merchant', 'event', 'url', 'method', 'state', 'attempts', 'createdAt', 'policy'],
            properties: {
              id: text,
              provider: text,
              merchant: text,
              event: text,
              url: text,
              method: text,
              state: { enum: ['pending', 'delivered', 'failed'] },
              attempts: { type: 'array', items: { type: 'object', required: ['n', 'at', 'ok'], properties: { n: counter, at: text, ok: { type: 'boolean' } } } },
              nextAttemptAt: { type: ['string', 'null'] },
              createdAt: text,
              request: { type: 'object', properties: { headers: { type: 'object', additionalProperties: text } } },
              policy: {
                type: 'object',
                required: ['attempts', 'backoffSeconds', 'factor', 'maxBackoffSeconds', 'timeoutMs'],
                properties: Object.fromEntries(['attempts', 'backoffSeconds', 'factor', 'maxBackoffSeconds', 'timeoutMs'].map((k) => [k, { type: 'number', minimum: 0 }])),
              },
            },
          },
          request: {
            type: 'object',
            required: ['provider', 'merchant', 'event', 'url'],
            properties: {
              provider: text,
              merchant: text,
              event: text,
              url: text,
              method: { enum: ['POST', 'GET', 'PUT'] },
              headers: { type: 'object', additionalProperties: text },
              body: text,
              subject: text,
            },
          },
        },
      },
    },
  },
};

export function snapshotSchema(modules: readonly ProviderModule[]): Record<string, unknown> {
  return {
    type: 'object',
    required: ['version', 'providers'],
    properties: {
      version: { const: 1 },
      takenAt: text,
      epoch: counter,
      clock: {
        type: 'object',
        required: ['offsetMs', 'frozenAt'],
        properties: { offsetMs: { type: 'number' }, frozenAt: { type: ['number', 'null'] } },
      },
      providers: {
        type: 'object',
        // A snapshot of another provider set is fine: unknown providers are ignored.
        properties: Object.fromEntries(
          modules.map((m) => [
            m.id,
            {
              type: 'object',
              required: ['merchants'],
              properties: {
                merchants: { type: 'object', additionalProperties: m.stateSchema ?? { type: 'object' } },
                shared: m.sharedSchema ?? { type: 'object' },
                sequences: {
                  type: 'object',
                  additionalProperties: { type: 'object', required: ['next', 'reserved'], properties: { next: counter, reserved: counter } },
                },
              },
            },
          ]),
        ),
      },
      webhooks: webhookSnapshot,
    },
  };
}

/** A checker for snapshots of these providers: the first problem, as a sentence, or undefined. */
export function snapshotChecker(modules: readonly ProviderModule[]): (snapshot: unknown) => string | undefined {
  // Compiled on the first snapshot checked: compiling it was a third of the CLI's startup.
  let validate: ValidateFunction | undefined;
  return (snapshot) => {
    validate ??= createAjv().compile(snapshotSchema(modules));
    if (validate(snapshot)) return undefined;
    const first = describeErrors(validate.errors).sort((a, b) => b.path.length - a.path.length)[0]!;
    return `${first.path ? `at ${first.path}: ` : ''}${first.message}`;
  };
}
