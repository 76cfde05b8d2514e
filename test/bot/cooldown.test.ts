import { describe, expect, it } from 'vitest';
import { createCooldown } from '../../src/bot/cooldown.ts';

describe('createCooldown', () => {
  it('lets a user through once, then says how many seconds to wait', () => {
    let now = 0;
    const c = createCooldown(3, () => now);
    expect(c.check('u1')).toBe(0);
    now = 1_200;
    expect(c.check('u1')).toBe(2);
    expect(c.check('u2')).toBe(0);
    now = 3_000;
    expect(c.check('u1')).toBe(0);
  });

  it('is off at 0 seconds', () => {
    const c = createCooldown(0);
    expect(c.check('u')).toBe(0);
    expect(c.check('u')).toBe(0);
  });
});
