import { ButtonStyle, ComponentType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { cut, LIMITS, safeMessage, type MessagePayload } from '../../src/render/limits.ts';

describe('cut', () => {
  it('leaves text within the limit as it is', () => {
    expect(cut('Culture shapes AI development outcomes.', 100)).toBe('Culture shapes AI development outcomes.');
  });

  it('cuts at a word boundary with an ellipsis', () => {
    const out = cut('Chinese labs integrate active students directly into LLM teams', 30);
    expect(out).toBe('Chinese labs integrate active…');
    expect(out.length).toBeLessThanOrEqual(30);
  });

  it('prefers a sentence end when one is near the limit', () => {
    const text = 'Culture shapes AI development outcomes. Ownership mentality drives LLM investment.';
    expect(cut(text, 50)).toBe('Culture shapes AI development outcomes.…');
  });

  it('never leaves a bold span open', () => {
    const out = cut('The labs value **collective model optimization** over ego', 35);
    expect(out.split('**').length % 2).toBe(1);
    expect(out.length).toBeLessThanOrEqual(35);
  });

  it('never ends on a lone escaping backslash', () => {
    const out = cut('a\\*b c\\*d e\\*f g\\*h', 9);
    expect(out).not.toMatch(/(^|[^\\])\\…$/);
  });

  it('does not split a surrogate pair', () => {
    const out = cut('😀'.repeat(20), 10);
    expect(out).not.toMatch(/[\ud800-\udbff]…$/);
  });
});

describe('safeMessage', () => {
  const long = (n: number) => 'word '.repeat(n).trim();

  it('always turns mentions off, whatever the caller asked', () => {
    const out = safeMessage({ content: '@everyone', embeds: [], components: [], allowedMentions: { parse: ['everyone'] } });
    expect(out.allowedMentions).toEqual({ parse: [] });
  });

  it('cuts every part of an embed to its limit', () => {
    const out = safeMessage({
      content: long(1000),
      embeds: [
        {
          title: long(100),
          description: long(2000),
          footer: { text: long(1000) },
          fields: Array.from({ length: 30 }, () => ({ name: long(100), value: long(500) })),
        },
      ],
      components: [],
    });
    const e = out.embeds[0]!;
    expect(out.content!.length).toBeLessThanOrEqual(LIMITS.content);
    expect(e.title!.length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(e.description!.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(e.fields!.length).toBe(LIMITS.embedFields);
    for (const f of e.fields!) {
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
  });

  it('keeps the whole message within 6,000 characters', () => {
    const out = safeMessage({
      embeds: [{ title: 't', description: long(800), fields: Array.from({ length: 25 }, () => ({ name: 'n', value: long(200) })) }],
      components: [],
    });
    const e = out.embeds[0]!;
    const total = (e.title?.length ?? 0) + (e.description?.length ?? 0) + e.fields!.reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
  });

  it('refuses a custom id over 100 characters as the bug it is, never cutting it to another id', () => {
    const row = (custom_id: string): MessagePayload['components'] => [
      {
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'More', custom_id }],
      },
    ];
    const fits = safeMessage({ embeds: [], components: row('x'.repeat(LIMITS.customId)) });
    expect((fits.components[0]!.components[0]! as { custom_id: string }).custom_id).toBe('x'.repeat(LIMITS.customId));
    expect(() => safeMessage({ embeds: [], components: row('x'.repeat(LIMITS.customId + 1)) })).toThrow(/custom_id of 101 characters/);
  });
});
