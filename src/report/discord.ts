import type { StatsAnswer } from '../answers/types.ts';
import { escapeArticleText, escapeUserText } from '../render/escape.ts';
import { cut, LIMITS, safeMessage, type MessagePayload } from '../render/limits.ts';

const COLOR = 0x5865f2;

/** Whole lines up to `max` characters (a line too long alone is cut), "none" for none. */
function lines(items: readonly string[], max: number = LIMITS.fieldValue): string {
  let out = '';
  for (const item of items) {
    const next = out ? `${out}\n${item}` : item;
    if (next.length > max) return out || cut(item, max);
    out = next;
  }
  return out || 'none';
}

const cited = (citation: string, where: string | undefined) => `\`${citation.replace(/`/g, "'")}\`${where ? ` — ${escapeArticleText(where)}` : ''}`;

/** /stats: the report as one embed only the person who asked sees. */
export function renderStats(answer: StatsAnswer): MessagePayload {
  const r = answer.report;
  const perDay = r.days.slice(-7).map((d) => `${d.day}: ${d.answers} answers · 👍 ${d.up} · 👎 ${d.down}`);
  const unanswered = [
    ...r.unanswered.questions.map((q) => `“${cut(escapeUserText(q.replace(/\s+/g, ' ')), 150)}”`),
    ...(r.unanswered.words.length > 0 ? [`words no article has: ${r.unanswered.words.map((w) => `${escapeUserText(w.word)} (${w.count})`).join(', ')}`] : []),
  ];
  return safeMessage({
    embeds: [
      {
        title: `citebot, the last ${answer.days} day${answer.days === 1 ? '' : 's'}`,
        description: lines([`**${r.answers}** answers · 👍 **${r.votes.up}** · 👎 **${r.votes.down}**`, ...perDay], LIMITS.embedDescription),
        fields: [
          { name: 'Most down-voted citations', value: lines(r.downvoted.map((d) => `👎 ${d.down} · 👍 ${d.up} ${cited(d.citation, answer.where[d.citation])}`)) },
          { name: `Nothing answered: ${r.unanswered.count}`, value: lines(unanswered) },
          { name: 'Most cited passages', value: lines(r.topCited.map((t) => `${t.count}× ${cited(t.citation, answer.where[t.citation])}`)) },
        ],
        footer: { text: 'npm run report -- --since 7d prints the same, --json for a machine' },
        color: COLOR,
      },
    ],
    components: [],
    ephemeral: true,
  });
}
