import type { WebClient } from '@slack/web-api';
import type { SlackDirectory, SlackProfile } from '../domain/people';

interface SlackUser {
  id?: string;
  team_id?: string;
  name?: string;
  real_name?: string;
  tz?: string;
  is_bot?: boolean;
  deleted?: boolean;
  profile?: { display_name?: string; real_name?: string; email?: string; status_text?: string; status_emoji?: string };
}

export function toProfile(u: SlackUser): SlackProfile {
  const realName = u.profile?.real_name || u.real_name || u.name || '';
  return {
    id: String(u.id),
    teamId: u.team_id ?? '',
    name: u.profile?.display_name || realName || u.name || String(u.id),
    realName,
    email: u.profile?.email || undefined,
    tz: u.tz,
    // Slackbot is a bot in all but flag.
    isBot: Boolean(u.is_bot) || u.id === 'USLACKBOT',
    deleted: Boolean(u.deleted),
    statusText: u.profile?.status_text ?? '',
    statusEmoji: u.profile?.status_emoji ?? '',
  };
}

function isNotFound(err: unknown): boolean {
  const code = (err as { data?: { error?: string } }).data?.error;
  return code === 'user_not_found' || code === 'users_not_found';
}

/** Implements SlackDirectory with the Web API (users.info, users.lookupByEmail, users.list). */
export function createSlackDirectory(client: WebClient): SlackDirectory {
  return {
    async getUser(id) {
      try {
        const res = await client.users.info({ user: id });
        return res.user ? toProfile(res.user as SlackUser) : undefined;
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
    async lookupByEmail(email) {
      try {
        const res = await client.users.lookupByEmail({ email });
        return res.user ? toProfile(res.user as SlackUser) : undefined;
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
    async listUsers() {
      const out: SlackProfile[] = [];
      let cursor: string | undefined;
      do {
        const res = await client.users.list({ limit: 200, cursor });
        for (const m of res.members ?? []) out.push(toProfile(m as SlackUser));
        cursor = res.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return out;
    },
  };
}
