import { ApplicationCommandOptionType, InteractionContextType } from 'discord-api-types/v10';
import { integer, type SlashCommand } from '../src/command.ts';
import { citationLabels } from '../src/report/labels.ts';
import { ok, refuse } from '../src/result.ts';
import { MANAGE_SERVER } from './options.ts';

/** How far back /stats looks by default, in days. */
export const STATS_DEFAULT_DAYS = 7;

/**
 * /stats: the server's own report (as `npm run report -- --guild ID` prints
 * it) for the last days, only to the person who asked: never another server's. Shown by default to members who can
 * manage the server; a server owner may grant it to others in Integrations.
 */
export const statsCommand: SlashCommand = {
  kind: 'slash',
  discordOnly: true,
  data: {
    name: 'stats',
    description: 'Answers, votes, what went unanswered (only you see it)',
    default_member_permissions: MANAGE_SERVER,
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.Integer,
        name: 'days',
        description: `How many days back (default ${STATS_DEFAULT_DAYS})`,
        min_value: 1,
        max_value: 90,
      },
    ],
  },
  async run(index, options, context) {
    if (!context?.store || context.store.backend === 'none') {
      return refuse('no-store', 'No feedback is being recorded here, so there are no stats. (`npm run report` reads the bot’s store.)');
    }
    const days = integer(options, 'days') ?? STATS_DEFAULT_DAYS;
    if (!context.server) return refuse('not-in-server', 'Use /stats in a server: it shows that server’s answers and votes.');
    const report = await context.store.report(new Date(Date.now() - days * 86_400_000), { guildId: context.server.guildId });
    if (!report.ok) return refuse('no-store', 'Couldn’t read the feedback store just now. Try again in a moment.');
    const label = citationLabels(index);
    const where: Record<string, string> = {};
    for (const c of [...report.value.downvoted, ...report.value.topCited]) {
      const at = label(c.citation);
      if (at) where[c.citation] = at;
    }
    return ok({ kind: 'stats', days, report: report.value, where });
  },
};
