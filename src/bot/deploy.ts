// `npm run deploy-commands`: registers every command in one bulk overwrite.
import { ApplicationCommandType, REST, Routes } from 'discord.js';
import { commandsFor } from '../../commands/index.ts';
import { configOrExit } from '../startup.ts';

const config = configOrExit();
const missing = [
  !config.discordToken && 'DISCORD_TOKEN: required to register commands',
  !config.discordClientId && 'DISCORD_CLIENT_ID: required to register commands (the application id)',
].filter(Boolean);
if (missing.length > 0) {
  console.error(`citebot: configuration problems:\n${missing.map((m) => `  ${m}`).join('\n')}`);
  process.exit(2);
}
const rest = new REST({ version: '10', api: config.discordApiUrl }).setToken(config.discordToken!);
const route = config.discordGuildId
  ? Routes.applicationGuildCommands(config.discordClientId!, config.discordGuildId)
  : Routes.applicationCommands(config.discordClientId!);
try {
  const registered = (await rest.put(route, { body: commandsFor(config).map((c) => c.data) })) as { name: string; type?: number }[];
  const where = config.discordGuildId ? `in guild ${config.discordGuildId} (available now)` : 'globally (may take up to an hour to appear)';
  console.log(
    `Registered ${registered.length} commands ${where}: ${registered.map((c) => (c.type === ApplicationCommandType.Message ? `"${c.name}" (message menu)` : `/${c.name}`)).join(', ')}`,
  );
} catch (error) {
  const status = (error as { status?: number }).status;
  console.error(
    status === 401
      ? 'citebot: Discord rejected the token (DISCORD_TOKEN).'
      : `citebot: registering commands failed: ${(error as Error).message}`,
  );
  process.exit(1);
}
