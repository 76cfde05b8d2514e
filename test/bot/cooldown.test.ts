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

  it('still makes users wait after a crowd makes it forget old entries, and lets the old ones through', () => {
    let now = 0;
    const c = createCooldown(3, () => now);
    for (let i = 0; i < 5_000; i++) c.check(`early-${i}`);
    // Past the early users' cooldown, enough new users to pass 10,000 entries: the cleanup runs.
    now = 3_500;
    for (let i = 0; i <= 5_000; i++) expect(c.check(`late-${i}`)).toBe(0);
    now = 4_500;
    expect(c.check('late-0')).toBe(2);
    expect(c.check('late-4999')).toBe(2);
    expect(c.check('late-5000')).toBe(2);
    expect(c.check('early-0')).toBe(0);
  });

  it('is off at 0 seconds', () => {
    const c = createCooldown(0);
    expect(c.check('u')).toBe(0);
    expect(c.check('u')).toBe(0);
  });
});
