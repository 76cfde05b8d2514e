import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { statsCommand } from '../../commands/stats.ts';
import type { ServerContext } from '../../src/command.ts';
import { renderDiscord } from '../../src/render/discord.ts';
import { renderText } from '../../src/render/text.ts';
import { toJson } from '../../src/render/json.ts';
import { nullStore, openStore } from '../../src/store/index.ts';
import { NOTES, realIndex } from '../support/corpus.ts';

const dir = mkdtempSync(join(tmpdir(), 'citebot-stats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('/stats', () => {
  it('says there are no stats where no store is kept (the console, or a bot recording nothing)', async () => {
    for (const context of [undefined, { store: nullStore() }]) {
      expect(await statsCommand.run(realIndex(), {}, context)).toMatchObject({ ok: false, error: { identifier: 'no-store' } });
    }
  });

  it('reports the server’s own records for the days asked, naming each citation’s article and section, privately', async () => {
    const store = await openStore({ dataDir: dir, storeQuestions: false });
    await store.recordAnswer({
      id: 'a',
      guildId: '1',
      kind: 'ask',
      question: 'q',
      citations: [`${NOTES}#summary-1`, 'gone-article#intro-1'],
    });
    await store.recordAnswer({
      id: 'old',
      at: new Date(Date.now() - 5 * 86_400_000),
      guildId: '1',
      kind: 'ask',
      question: 'q',
      citations: [`${NOTES}#summary-1`],
    });
    await store.recordAnswer({ id: 'other', guildId: '2', kind: 'ask', question: 'q', citations: [`${NOTES}#summary-2`] });
    await store.vote('a', 'u', 'down');
    await store.vote('other', 'u', 'down');
    // Server 1's report: server 2's answer and vote are not in it.
    const result = await statsCommand.run(realIndex(), { days: 2 }, { store, server: { guildId: '1' } as ServerContext });
    await store.close();
    if (!result.ok || result.value.kind !== 'stats') throw new Error('expected stats');
    expect(result.value.days).toBe(2);
    expect(result.value.report.answers).toBe(1);
    expect(result.value.where).toEqual({ [`${NOTES}#summary-1`]: "Notes from inside China's AI labs › Summary" });

    const payload = renderDiscord(result.value);
    expect(payload.ephemeral).toBe(true);
    expect(payload.embeds[0]!.title).toBe('citebot, the last 2 days');
    expect(payload.embeds[0]!.fields![0]!.value).toBe(
      `👎 1 · 👍 0 \`gone-article#intro-1\`\n👎 1 · 👍 0 \`${NOTES}#summary-1\` — Notes from inside China's AI labs › Summary`,
    );
    expect(renderText(result.value)).toContain(`${NOTES}#summary-1  (Notes from inside China's AI labs › Summary)`);
    expect(Object.keys(toJson(result.value))).toEqual(['since', 'answers', 'votes', 'downvoted', 'unanswered', 'topCited']);
  });
});
