// The guild and application objects the stand-in serves: fixed, Discord-shaped, reproducible.
import {
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildVerificationLevel,
  Locale,
  ThreadAutoArchiveDuration,
} from 'discord-api-types/v10';
import type {
  APIApplication,
  APIGuild,
  APIGuildMember,
  APIRole,
  APITextChannel,
  APIUser,
  ChannelFlags,
  GatewayGuildCreateDispatchData,
  GuildMemberFlags,
  GuildSystemChannelFlags,
  RoleFlags,
} from 'discord-api-types/v10';
import { DEFAULT_MEMBER_PERMISSIONS, DISCORD_EPOCH, FIXED_MS } from './rules.ts';
import type { GuildInfo } from './types.ts';

/** GET /applications/@me for the bot `botUser`, owned by `owner`. */
export function application(applicationId: string, botUser: APIUser, owner: APIUser, guildCount: number): APIApplication {
  return {
    id: applicationId,
    name: botUser.username,
    icon: null,
    description: 'Stand-in application',
    bot_public: false,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    team: null,
    flags: 0,
    flags_new: '0',
    bot: botUser,
    summary: '',
    owner: { ...owner },
    approximate_guild_count: guildCount,
  } as unknown as APIApplication;
}

/** The GUILD_CREATE payload of a guild with one text channel (also returned, to be stored by id). */
export function buildGuild(
  info: GuildInfo,
  channelName: string,
  botUser: APIUser,
  ownerId: string,
): { guild: GatewayGuildCreateDispatchData; text: APITextChannel } {
  const everyone: APIRole = {
    id: info.id,
    name: '@everyone',
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position: 0,
    permissions: String(DEFAULT_MEMBER_PERMISSIONS),
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
  const text: APITextChannel = {
    id: info.textChannelId,
    type: ChannelType.GuildText,
    guild_id: info.id,
    name: channelName,
    position: 0,
    permission_overwrites: [],
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    default_auto_archive_duration: ThreadAutoArchiveDuration.OneDay,
    flags: 0 as ChannelFlags,
  };
  const joined = new Date(Number(FIXED_MS + DISCORD_EPOCH)).toISOString();
  const botMember: APIGuildMember = {
    user: botUser,
    roles: [],
    joined_at: joined,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    nick: null,
    avatar: null,
    premium_since: null,
    pending: false,
  };
  const guild: APIGuild = {
    id: info.id,
    name: info.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: [everyone],
    emojis: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    stickers: [],
    max_members: 500000,
  };
  const create: GatewayGuildCreateDispatchData = {
    ...guild,
    joined_at: joined,
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [botMember],
    channels: [text],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
  return { guild: create, text };
}
