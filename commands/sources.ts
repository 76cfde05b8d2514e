import { sources } from '../src/answers/index.ts';
import type { SlashCommand } from '../src/command.ts';
import { ok } from '../src/result.ts';

export const sourcesCommand: SlashCommand = {
  kind: 'slash',
  data: { name: 'sources', description: 'The articles citebot knows' },
  // In a server, its own articles come first, marked as its own.
  run: (index, _options, context) => ok(sources(index, context?.server?.current.own)),
};
