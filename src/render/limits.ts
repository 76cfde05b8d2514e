import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';

/** Discord's limits on what a message may carry. */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  embedTotal: 6000,
  customId: 100,
  buttonLabel: 80,
  threadName: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** A message as citebot sends it; `allowedMentions` is always empty. */
export interface MessagePayload {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  allowedMentions: { parse: [] };
  ephemeral?: boolean;
}

const ELLIPSIS = '…';

/**
 * Shortens text to at most `max` characters: at a sentence end if one is near,
 * else at a word boundary, with an ellipsis; never inside a markdown pair
 * (** or `), after a lone backslash, or in the middle of a surrogate pair.
 */
export function cut(text: string, max: number): string {
  if ([...text].length <= max && text.length <= max) return text;
  if (max <= 1) return max === 1 ? ELLIPSIS : '';
  const room = max - ELLIPSIS.length;
  let head = text.slice(0, room);
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  const sentence = Math.max(head.lastIndexOf('. '), head.lastIndexOf('? '), head.lastIndexOf('! '), head.lastIndexOf('.\n'));
  const space = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\n'));
  const atWordEnd = /\s/.test(text[head.length] ?? ' ');
  if (sentence >= room * 0.75) head = head.slice(0, sentence + 1);
  else if (!atWordEnd && space >= room * 0.5) head = head.slice(0, space);
  head = closeMarkup(head.trimEnd());
  return head + ELLIPSIS;
}

/** Drops an unfinished `**` or backtick span and a trailing escape, so what is left renders as intended. */
function closeMarkup(text: string): string {
  let t = text;
  for (let guard = 0; guard < 4; guard++) {
    const before = t;
    t = t.replace(/(?<!\\)\\$/, '');
    if (countUnescaped(t, '**') % 2 === 1) t = t.slice(0, lastUnescaped(t, '**')).trimEnd();
    if (countUnescaped(t.replace(/\*\*/g, ''), '`') % 2 === 1) t = t.slice(0, lastUnescaped(t, '`')).trimEnd();
    if (t === before) break;
  }
  return t;
}

function countUnescaped(text: string, token: string): number {
  let n = 0;
  for (let i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + token.length)) if (!escapedAt(text, i)) n++;
  return n;
}
function lastUnescaped(text: string, token: string): number {
  for (let i = text.lastIndexOf(token); i >= 0; i = text.lastIndexOf(token, i - 1)) if (!escapedAt(text, i)) return i;
  return text.length;
}
function escapedAt(text: string, i: number): boolean {
  let slashes = 0;
  for (let k = i - 1; k >= 0 && text[k] === '\\'; k--) slashes++;
  return slashes % 2 === 1;
}

function embedSize(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

function fitEmbed(e: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...e };
  if (out.title !== undefined) out.title = cut(out.title, LIMITS.embedTitle);
  if (out.description !== undefined) out.description = cut(out.description, LIMITS.embedDescription);
  if (out.footer) out.footer = { ...out.footer, text: cut(out.footer.text, LIMITS.footer) };
  if (out.author) out.author = { ...out.author, name: cut(out.author.name, LIMITS.authorName) };
  if (out.url && (out.url.length > 2048 || !/^https?:\/\//.test(out.url))) delete out.url;
  if (out.fields) {
    out.fields = out.fields.slice(0, LIMITS.embedFields).map((f) => ({
      ...f,
      name: cut(f.name, LIMITS.fieldName) || '\u200b',
      value: cut(f.value, LIMITS.fieldValue) || '\u200b',
    }));
  }
  return out;
}

/**
 * The one gate every outgoing message passes: each part cut to Discord's
 * limits, the 6,000-character total kept by shortening the longest parts
 * first, and mentions switched off whatever the caller set.
 */
export function safeMessage(message: Omit<MessagePayload, 'allowedMentions'> & { allowedMentions?: unknown }): MessagePayload {
  const embeds = message.embeds.slice(0, LIMITS.embeds).map(fitEmbed);
  let over = embeds.reduce((n, e) => n + embedSize(e), 0) - LIMITS.embedTotal;
  while (over > 0) {
    // Shorten the longest text in any embed by what is over, then measure again.
    let target: { embed: APIEmbed; field?: number; length: number } | undefined;
    for (const embed of embeds) {
      if ((embed.description?.length ?? 0) > (target?.length ?? 0)) target = { embed, length: embed.description!.length };
      for (const [i, f] of (embed.fields ?? []).entries())
        if (f.value.length > (target?.length ?? 0)) target = { embed, field: i, length: f.value.length };
    }
    if (!target || target.length <= 20) break;
    const next = Math.max(20, target.length - over);
    if (target.field === undefined) target.embed.description = cut(target.embed.description!, next);
    else {
      const field = target.embed.fields![target.field]!;
      target.embed.fields![target.field] = { ...field, value: cut(field.value, next) };
    }
    over = embeds.reduce((n, e) => n + embedSize(e), 0) - LIMITS.embedTotal;
  }
  const components = message.components.slice(0, 5).map((row) => ({
    ...row,
    components: row.components.slice(0, 5).map((c) => ({
      ...c,
      ...('custom_id' in c && { custom_id: checkedCustomId(c.custom_id) }),
      ...('label' in c && c.label !== undefined && { label: cut(c.label, LIMITS.buttonLabel) }),
    })),
  })) as MessagePayload['components'];
  return {
    ...(message.content !== undefined && { content: cut(message.content, LIMITS.content) }),
    embeds,
    components,
    allowedMentions: { parse: [] },
    ...(message.ephemeral && { ephemeral: true }),
  };
}

/**
 * A custom id is read back by the bot: cut, it would be another id (or none),
 * so one over Discord's 100 characters is a bug in whoever built it, not text to shorten.
 */
function checkedCustomId(id: string): string {
  if (id.length > LIMITS.customId)
    throw new Error(`custom_id of ${id.length} characters (Discord allows ${LIMITS.customId}): ${id.slice(0, 40)}…`);
  return id;
}
