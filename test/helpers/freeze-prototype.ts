/**
 * Imported first by the prototype-id tests: with Object.prototype frozen, any write that
 * a client-sent id makes reach it throws where it happens (ESM is strict mode), so the
 * request answers 500 instead of silently corrupting every object of the process.
 */
Object.freeze(Object.prototype);

export const FROZEN = Object.isFrozen(Object.prototype);
