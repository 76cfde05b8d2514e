import { ApplicationCommandOptionType, InteractionContextType } from 'discord-api-types/v10';
import { suggestArticles } from '../src/answers/index.ts';
import { text, type SlashCommand } from '../src/command.ts';
import { refuse } from '../src/result.ts';
import { addServerArticle, removeServerArticle } from '../src/tenancy/articles.ts';
import { MANAGE_SERVER } from './options.ts';

/**
 * `/article add` and `/article remove`: the server's own articles, kept in the
 * store beside the bot's corpus (which Discord never changes). Not registered
 * when CORPUS_WRITABLE=false.
 */
export const articleCommand: SlashCommand = {
  kind: 'slash',
  discordOnly: true,
  ephemeral: true,
  data: {
    name: 'article',
    description: 'Add an article of this server’s own, or remove one',
    default_member_permissions: MANAGE_SERVER,
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'add',
        description: 'Import a file (md, txt, html, pdf, docx; 5 MB at most) or a web page or PDF by its address',
        options: [
          {
            type: ApplicationCommandOptionType.Attachment,
            name: 'file',
            description: 'A .md, .txt, .html, .pdf or .docx file, at most 5 MB',
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'url',
            description: 'The http(s) address of a web page or PDF',
            max_length: 2000,
          },
          { type: ApplicationCommandOptionType.Boolean, name: 'replace', description: 'Replace this server’s article with the same id' },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'remove',
        description: 'Remove one of this server’s own articles',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'id',
            description: 'The article id',
            required: true,
            autocomplete: true,
            max_length: 200,
          },
        ],
      },
    ],
  },
  run: (_index, o, context) => {
    if (!context?.server) return refuse('not-in-server', 'Use /article in a server: it changes that server’s own articles.');
    if (o['subcommand'] === 'add')
      return addServerArticle(context.server, { file: text(o, 'file'), url: text(o, 'url'), replace: o['replace'] === true });
    if (o['subcommand'] === 'remove') return removeServerArticle(context.server, text(o, 'id') ?? '');
    return refuse('bad-option', 'Use /article add or /article remove in Discord.');
  },
  // The server's own article ids (the only ones it can remove), suggested by title as it is typed.
  suggest: (index, _option, typed, own) => suggestArticles(index, typed, (id) => own.has(id)),
};
