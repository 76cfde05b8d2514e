import { DiscordAPIError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/bot/log.ts';

const collect = (level: Parameters<typeof createLogger>[0] = 'debug', secrets: string[] = []) => {
  const lines: string[] = [];
  return { lines, log: createLogger(level, secrets, (l) => lines.push(l)) };
};

describe('createLogger', () => {
  it('writes one JSON object a line', () => {
    const { lines, log } = collect('info');
    log.info('interaction', { command: 'ask', ms: 3 });
    log.warn('gateway error', { shard: 0 });
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'info',
      event: 'interaction',
      command: 'ask',
      ms: 3,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
    });
    expect(JSON.parse(lines[1]!)).toMatchObject({ level: 'warn', event: 'gateway error', shard: 0 });
  });

  it('never lets the token through, wherever it hides', () => {
    const token = 'test-token-value-0123456789abcdef';
    const { lines, log } = collect('debug', [token]);
    log.error('login failed', { error: new Error(`bad token ${token}`), url: `https://x/${token}`, nested: { deep: [`Bot ${token}`] } });
    log.info(`event ${token}`);
    expect(lines.join('\n')).not.toContain(token);
    expect(lines.join('\n')).toContain('[redacted]');
  });

  it('masks an interaction token inside a URL', () => {
    const { lines, log } = collect();
    const token = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDpzZWNyZXQ.abc-DEF_123';
    log.warn('could not defer', { url: `https://discord.com/api/v10/interactions/1234567890/${token}/callback` });
    log.warn('could not edit', { url: `https://discord.com/api/v10/webhooks/99887766/${token}/messages/@original` });
    expect(lines.join('\n')).not.toContain(token);
    expect(JSON.parse(lines[0]!)).toHaveProperty('url', 'https://discord.com/api/v10/interactions/1234567890/[token]/callback');
    expect(JSON.parse(lines[1]!)).toHaveProperty('url', 'https://discord.com/api/v10/webhooks/99887766/[token]/messages/@original');
  });

  it('keeps what a Discord error says (status, code, method, url, cause) but not the body it refused', () => {
    const { lines, log } = collect();
    const refused = new DiscordAPIError(
      { message: 'Invalid Form Body', code: 50035 },
      50035,
      400,
      'POST',
      'https://discord.com/api/v10/channels/1/messages',
      {
        body: { content: 'what the user typed' },
      },
    );
    log.error('handler failed', { error: new Error('reply failed', { cause: refused }) });
    const { error } = JSON.parse(lines[0]!) as { error: { cause: unknown } };
    expect(error).toMatchObject({ name: 'Error', message: 'reply failed', stack: expect.stringContaining('log.test.ts') as unknown });
    expect(error.cause).toMatchObject({
      code: 50035,
      status: 400,
      method: 'POST',
      url: 'https://discord.com/api/v10/channels/1/messages',
      message: 'Invalid Form Body',
    });
    expect(lines[0]).not.toContain('what the user typed');
  });

  it('leaves out lines below its level', () => {
    const { lines, log } = collect('warn');
    log.info('quiet');
    log.warn('loud');
    expect(lines).toHaveLength(1);
  });
});
