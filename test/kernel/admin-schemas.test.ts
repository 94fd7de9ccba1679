// The admin body schemas are compiled on first use (not at startup): each must compile,
// and refuse a body that is not an object.
import { describe, expect, it } from 'vitest';
import { ADMIN_SCHEMAS, adminBodyProblem, type AdminBody } from '../../emulators/kernel/admin-schemas.ts';

describe('admin body schemas', () => {
  for (const route of Object.keys(ADMIN_SCHEMAS) as AdminBody[]) {
    it(`${route}: compiles and refuses a body that is not an object`, () => {
      expect(() => adminBodyProblem(route, {})).not.toThrow();
      expect(adminBodyProblem(route, 'not an object')).toMatch(/\S/);
      expect(adminBodyProblem(route, [1])).toMatch(/\S/);
    });
  }
});
