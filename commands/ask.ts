import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { ask, ASK_DEFAULT_LIMIT, ASK_MAX_COUNT } from '../src/answers/index.ts';
import { integer, text, type SlashCommand } from '../src/command.ts';
import { articleOption, privateOption, suggestFromCorpus } from './options.ts';

export const askCommand: SlashCommand = {
  kind: 'slash',
  data: {
    name: 'ask',
    description: 'Ask a question; get the passages that answer it, cited',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'question',
        description: 'What you want to know',
        required: true,
        min_length: 2,
        max_length: 300,
      },
      articleOption('article', 'Only this article (id or part of its title)'),
      {
        type: ApplicationCommandOptionType.Integer,
        name: 'count',
        description: `How many passages (1-${ASK_MAX_COUNT})`,
        min_value: 1,
        max_value: ASK_MAX_COUNT,
      },
      privateOption,
    ],
  },
  // In a scoped channel, the channel's articles (an explicit article wins).
  run: (index, o, context) =>
    ask(index, text(o, 'question') ?? '', {
      article: text(o, 'article'),
      limit: integer(o, 'count') ?? ASK_DEFAULT_LIMIT,
      scope: context?.server?.scope?.articles,
    }),
  suggest: suggestFromCorpus,
  buttons: ['more', 'discuss'],
};
