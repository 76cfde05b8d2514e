import { describe, expect, it } from 'vitest';
import { articleCommand } from '../../commands/article.ts';
import { commands, commandsFor } from '../../commands/index.ts';
import { reloadCommand } from '../../commands/reload.ts';
import { addServerArticle, type ServerArticles } from '../../src/tenancy/articles.ts';
import { realIndex } from '../support/corpus.ts';

describe('the corpus commands', () => {
  const INDEX = realIndex();
  it('need Manage Server by default, in a server only', () => {
    for (const c of [reloadCommand, articleCommand]) {
      expect(c.data.default_member_permissions).toBe('32');
      expect(c.data.contexts).toEqual([0]);
      expect(c.ephemeral).toBe(true);
    }
  });

  it('leaves /article out of a read-only deployment, and keeps /reload', () => {
    expect(commandsFor({ corpusWritable: true })).toBe(commands);
    const names = commandsFor({ corpusWritable: false }).map((c) => c.data.name);
    expect(names).toContain('reload');
    expect(names).not.toContain('article');
  });

  it('answer outside a running bot or console (the one-shot CLI lends them no corpus) that they work only there', async () => {
    expect(await reloadCommand.run(INDEX, {})).toEqual({
      ok: false,
      error: { identifier: 'not-running', message: 'This works in the running bot or console only.' },
    });
  });
});

describe('addServerArticle', () => {
  it('wants exactly one of a file and a url, attached to the command', async () => {
    const admin: ServerArticles = { guildId: '1', userId: '2', current: {} as never, store: {} as never, corpora: {} as never };
    expect(await addServerArticle(admin, {})).toEqual({
      ok: false,
      error: { identifier: 'bad-option', message: 'Give either a file or a url (one of them).' },
    });
    expect(await addServerArticle(admin, { file: 'https://cdn.discordapp.com/a/b/x.pdf', url: 'https://example.com' })).toMatchObject({
      ok: false,
      error: { identifier: 'bad-option' },
    });
    expect(await addServerArticle(admin, { file: 'https://evil.example/a/b/x.pdf' })).toEqual({
      ok: false,
      error: { identifier: 'bad-option', message: 'Attach the file to the command itself.' },
    });
    expect(await addServerArticle(admin, { file: 'https://cdn.discordapp.com/attachments/1/2/photo.png' })).toEqual({
      ok: false,
      error: { identifier: 'import-failed', message: 'Not added: attach a .md, .txt, .html, .pdf or .docx file (this one is .png).' },
    });
  });

  it('says in Discord’s words, never the command line’s flags, why a private address is refused', async () => {
    const admin: ServerArticles = { guildId: '1', userId: '2', current: {} as never, store: {} as never, corpora: {} as never };
    expect(await addServerArticle(admin, { url: 'http://127.0.0.1:9/page' })).toEqual({
      ok: false,
      error: {
        identifier: 'import-failed',
        message:
          'Not added: is a private, loopback or link-local address: refused; addresses on private networks are never fetched from Discord',
      },
    });
  });
});
