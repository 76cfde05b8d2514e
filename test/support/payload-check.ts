// What every message citebot sends must satisfy, as one function the tests share.
import { LIMITS } from '../../src/render/limits.ts';

interface Embed {
  title?: string;
  description?: string;
  footer?: { text: string };
  author?: { name: string };
  fields?: { name: string; value: string }[];
}
export interface SentPayload {
  content?: string | null;
  embeds?: Embed[];
  components?: { components: { custom_id?: string; label?: string }[] }[];
  allowed_mentions?: unknown;
  allowedMentions?: unknown;
  message_reference?: unknown;
}

/** Problems with a payload, empty when it is fine. Works on discord.js options and on raw API bodies. */
export function payloadProblems(p: SentPayload): string[] {
  const problems: string[] = [];
  const mentions = p.allowed_mentions ?? p.allowedMentions;
  // A reply (message_reference) must also say not to ping the author of the message it replies to.
  const safe = p.message_reference
    ? [JSON.stringify({ parse: [], replied_user: false })]
    : [JSON.stringify({ parse: [] }), JSON.stringify({ parse: [], replied_user: false })];
  if (!safe.includes(JSON.stringify(mentions))) problems.push(`allowed_mentions is ${JSON.stringify(mentions)}`);
  if ((p.content?.length ?? 0) > LIMITS.content) problems.push('content over 2000');
  const embeds = p.embeds ?? [];
  if (embeds.length > LIMITS.embeds) problems.push('more than 10 embeds');
  let total = 0;
  for (const e of embeds) {
    if ((e.title?.length ?? 0) > LIMITS.embedTitle) problems.push('title over 256');
    if ((e.description?.length ?? 0) > LIMITS.embedDescription) problems.push('description over 4096');
    if ((e.footer?.text.length ?? 0) > LIMITS.footer) problems.push('footer over 2048');
    if ((e.fields?.length ?? 0) > LIMITS.embedFields) problems.push('more than 25 fields');
    for (const f of e.fields ?? []) {
      if (f.name.length > LIMITS.fieldName || f.name.length === 0) problems.push('field name empty or over 256');
      if (f.value.length > LIMITS.fieldValue || f.value.length === 0) problems.push('field value empty or over 1024');
    }
    total +=
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.author?.name.length ?? 0) +
      (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
    if (e.description !== undefined && e.description.length === 0) problems.push('empty description');
  }
  if (total > LIMITS.embedTotal) problems.push(`embeds total ${total} over 6000`);
  for (const row of p.components ?? []) {
    for (const c of row.components) {
      if ((c.custom_id?.length ?? 0) > LIMITS.customId) problems.push('custom id over 100');
      if ((c.label?.length ?? 0) > LIMITS.buttonLabel) problems.push('label over 80');
    }
  }
  // Live mentions in what we send: @everyone/@here, or <@id>, <@&id>, <#id> not broken by escaping.
  const text = [
    p.content ?? '',
    ...embeds.flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      e.footer?.text ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]),
  ].join('\n');
  if (/@(everyone|here)/.test(text)) problems.push('an unbroken @everyone or @here');
  if (/<(@[!&]?|#)\d+>/.test(text)) problems.push('an unbroken user, role or channel mention');
  return problems;
}
