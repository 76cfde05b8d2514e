import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/bot/log.ts';

describe('createLogger', () => {
  it('writes one JSON object a line', () => {
    const lines: string[] = [];
    createLogger('info', [], (l) => lines.push(l)).info('interaction', { command: 'ask', ms: 3 });
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', event: 'interaction', command: 'ask', ms: 3 });
  });

  it('never lets the token through, wherever it hides', () => {
    const token = 'test-token-value-0123456789abcdef';
    const lines: string[] = [];
    const log = createLogger('debug', [token], (l) => lines.push(l));
    log.error('login failed', { error: new Error(`bad token ${token}`), url: `https://x/${token}` });
    log.info(`event ${token}`);
    expect(lines.join('\n')).not.toContain(token);
    expect(lines.join('\n')).toContain('[redacted]');
  });

  it('leaves out lines below its level', () => {
    const lines: string[] = [];
    const log = createLogger('warn', [], (l) => lines.push(l));
    log.info('quiet');
    log.warn('loud');
    expect(lines).toHaveLength(1);
  });
});
