/**
 * Errors the kernel raises before or around a provider route. Providers render them in
 * their own wire format through `ProviderModule.renderError`; nothing here builds a body.
 */
import type { KernelErrorKind } from './types.ts';

export class KernelError extends Error {
  constructor(
    readonly kind: KernelErrorKind,
    message: string,
    /** HTTP status the kernel suggests; a provider may answer with its own. */
    readonly status = kind === 'not-found' ? 404 : kind === 'body-too-large' ? 413 : kind === 'internal' ? 500 : 400,
  ) {
    super(message);
    this.name = 'KernelError';
  }
}

export const isKernelError = (e: unknown): e is KernelError => e instanceof KernelError;

/**
 * Base class for the errors a provider throws from its routes. The kernel logs any
 * other exception as a bug before the provider renders it as its generic failure.
 */
export class ProviderError extends Error {}
