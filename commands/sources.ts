import { sources } from '../src/answers/index.ts';
import type { SlashCommand } from '../src/command.ts';
import { ok } from '../src/result.ts';

export const sourcesCommand: SlashCommand = {
  kind: 'slash',
  data: { name: 'sources', description: 'The articles citebot knows' },
  run: (index) => ok(sources(index)),
};
