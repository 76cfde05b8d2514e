import type { Command } from '../src/bot/command.ts';
import { askCommand } from './ask.ts';
import { compareCommand } from './compare.ts';
import { findSourcesCommand } from './find-sources.ts';
import { helpCommand } from './help.ts';
import { quoteCommand } from './quote.ts';
import { sourcesCommand } from './sources.ts';
import { summaryCommand } from './summary.ts';
import { takeawayCommand } from './takeaway.ts';

/** Every command, once: the dispatcher and deploy-commands both read this list. */
export const commands: readonly Command[] = [askCommand, takeawayCommand, compareCommand, summaryCommand, sourcesCommand, quoteCommand, helpCommand, findSourcesCommand];
