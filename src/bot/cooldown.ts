/**
 * Per-user cooldown: `check` answers 0 and starts the clock, or the whole
 * seconds left to wait. 0 seconds turns it off. Old entries are forgotten.
 */
export function createCooldown(seconds: number, now: () => number = Date.now): { check(userId: string): number } {
  const last = new Map<string, number>();
  const ms = seconds * 1000;
  return {
    check(userId) {
      if (ms <= 0) return 0;
      const t = now();
      const at = last.get(userId);
      if (at !== undefined && t - at < ms) return Math.ceil((ms - (t - at)) / 1000);
      last.set(userId, t);
      if (last.size > 10_000) for (const [u, v] of last) if (t - v >= ms) last.delete(u);
      return 0;
    },
  };
}
