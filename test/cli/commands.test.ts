import { beforeAll, describe, expect, it } from 'vitest';
import { askCommand } from '../../commands/ask.ts';
import { commands } from '../../commands/index.ts';
import { findCommand, helpText, parseLine, runLine, textCommands, type Session } from '../../src/cli/commands.ts';
import { optionsOf } from '../../src/command.ts';
import { openCorpus } from '../../src/engine.ts';
import { describeCommands } from '../../src/help.ts';
import { renderDiscord } from '../../src/render/discord.ts';
import { unescapeUserText } from '../../src/render/escape.ts';
import type { SearchIndex } from '../../src/search/index.ts';

let index: SearchIndex;
beforeAll(() => {
  const opened = openCorpus('corpus');
  if (!opened.ok) throw new Error(opened.error.join('\n'));
  index = opened.value;
});

describe('the console reads its commands from their Discord definitions', () => {
  it('offers every slash command but /help and those only Discord runs, under the same name, and no context-menu command', () => {
    expect(textCommands.map((c) => c.data.name)).toEqual(
      commands.filter((c) => c.kind === 'slash' && c.data.name !== 'help' && !c.discordOnly).map((c) => c.data.name),
    );
    expect(textCommands.map((c) => c.data.name)).not.toContain('stats');
  });

  it('says a command only Discord runs works in Discord only, and an unknown one is unknown', () => {
    expect(findCommand('/stats')).toEqual({ ok: false, error: '/stats works in Discord only; try /help' });
    expect(findCommand('/nope')).toEqual({ ok: false, error: 'unknown command "/nope"; try /help' });
  });

  it('holds count to the limits the definition gives Discord', () => {
    const max = optionsOf(askCommand).find((o) => o.name === 'count') as { max_value: number };
    expect(parseLine(`/ask students count: ${max.max_value}`).ok).toBe(true);
    expect(parseLine(`/ask students count: ${max.max_value + 1}`)).toEqual({
      ok: false,
      error: `count: must be from 1 to ${max.max_value}`,
    });
    expect(parseLine('/ask students count: two')).toEqual({ ok: false, error: 'count: must be a whole number' });
  });

  it('leaves private to Discord: "private:" is just words of the question', () => {
    const parsed = parseLine('/ask students private: yes');
    expect(parsed.ok && parsed.value.kind === 'command' && parsed.value.options).toEqual({ question: 'students private: yes' });
  });

  it('says which required option is missing', () => {
    expect(parseLine('/summary')).toEqual({ ok: false, error: '/summary: article is required' });
  });

  it('shows the next passages of the last question with /more, as the More button does in Discord', async () => {
    const session: Session = {};
    const first = await runLine(index, '/ask labs count: 2', session);
    const more = await runLine(index, '/more', session);
    const again = await runLine(index, '/more', session);
    if (!first.ok || !more.ok || !again.ok) throw new Error('no answer');
    const ids = (r: typeof first) =>
      r.ok && typeof r.value === 'object' && r.value.kind === 'ask' ? r.value.results.map((e) => e.citation) : [];
    expect(ids(more)).toHaveLength(2);
    const all = [...ids(first), ...ids(more), ...ids(again)];
    expect(new Set(all).size).toBe(all.length);
    expect(await runLine(index, '/more', {})).toEqual({ ok: false, error: '/more: ask a question first' });
  });
});

describe('help', () => {
  it('is written from the one list of commands in Discord and in the console', () => {
    const discord = unescapeUserText(renderDiscord(describeCommands(commands)).embeds[0]!.description!);
    const console = helpText();
    for (const c of commands) {
      const description = c.kind === 'slash' ? c.data.description : c.description;
      if (c.data.name !== 'help') expect(discord).toContain(description);
      if (c.kind === 'slash') {
        if (c.discordOnly) expect(console).not.toContain(`/${c.data.name}`);
        else expect(console).toContain(description);
      }
    }
    expect(console).toContain('/ask <question> [article: …] [count: …]');
    expect(console).not.toContain('private');
    expect(console).not.toContain('Find sources');
    expect(discord).toContain('`/ask question [article] [count] [private]`');
    expect(discord).toContain('**Find sources** (right-click a message → Apps)');
  });
});
