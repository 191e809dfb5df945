import type { EmulatorState } from './state';
import type { EmulatorChannel, EmulatorUser, EmulatorView, Json } from './types';

/** A user as users.info / users.list / users.lookupByEmail return it (field names from api-response-shapes). */
export function userJson(state: EmulatorState, u: EmulatorUser): Json {
  return {
    id: u.id,
    team_id: state.team.id,
    name: u.name,
    deleted: u.deleted,
    color: '9f69e7',
    real_name: u.realName,
    tz: u.tz,
    tz_label: u.tz,
    tz_offset: u.tzOffset,
    profile: profileJson(state, u),
    is_admin: u.isAdmin,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: u.isBot,
    is_app_user: false,
    updated: u.updated,
    is_email_confirmed: u.email !== undefined,
    who_can_share_contact_card: 'EVERYONE',
  };
}

export function profileJson(state: EmulatorState, u: EmulatorUser): Json {
  const profile: Json = {
    title: '',
    phone: '',
    skype: '',
    real_name: u.realName,
    real_name_normalized: u.realName,
    display_name: u.displayName,
    display_name_normalized: u.displayName,
    fields: {},
    status_text: u.statusText,
    status_emoji: u.statusEmoji,
    status_emoji_display_info: [],
    status_expiration: 0,
    avatar_hash: 'g0000000000',
    first_name: u.realName.split(' ')[0] ?? '',
    last_name: u.realName.split(' ').slice(1).join(' '),
    image_24: 'https://secure.gravatar.com/avatar/0.jpg?s=24',
    image_32: 'https://secure.gravatar.com/avatar/0.jpg?s=32',
    image_48: 'https://secure.gravatar.com/avatar/0.jpg?s=48',
    image_72: 'https://secure.gravatar.com/avatar/0.jpg?s=72',
    image_192: 'https://secure.gravatar.com/avatar/0.jpg?s=192',
    image_512: 'https://secure.gravatar.com/avatar/0.jpg?s=512',
    status_text_canonical: '',
    team: state.team.id,
  };
  if (u.email !== undefined) profile.email = u.email;
  if (u.isBot && u.botId) profile.bot_id = u.botId;
  return profile;
}

export function channelJson(state: EmulatorState, c: EmulatorChannel): Json {
  if (c.isIm) {
    return { id: c.id, created: c.created, is_im: true, is_org_shared: false, user: c.user, is_user_deleted: state.users.get(c.user ?? '')?.deleted ?? false, priority: 0 };
  }
  return {
    id: c.id,
    name: c.name,
    is_channel: !c.isPrivate,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: c.isPrivate,
    created: c.created,
    is_archived: c.isArchived,
    is_general: c.name === 'general',
    unlinked: 0,
    name_normalized: c.name,
    is_shared: false,
    is_org_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: state.team.id,
    creator: '',
    is_ext_shared: false,
    shared_team_ids: [state.team.id],
    is_member: c.botMember,
    topic: { value: '', creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
    previous_names: [],
  };
}

/** A view as views.* return it and as payloads carry it (field names from fixtures/http/view_submission.json). */
export function viewJson(v: EmulatorView): Json {
  const out: Json = {
    id: v.id,
    team_id: v.team_id,
    type: v.type,
    blocks: v.blocks,
    private_metadata: v.private_metadata,
    callback_id: v.callback_id,
    state: v.state,
    hash: v.hash,
    clear_on_close: v.clear_on_close,
    notify_on_close: v.notify_on_close,
    previous_view_id: v.previous_view_id,
    root_view_id: v.root_view_id,
    app_id: v.app_id,
    external_id: v.external_id,
    app_installed_team_id: v.app_installed_team_id,
    bot_id: v.bot_id,
  };
  if (v.title !== undefined) out.title = v.title;
  if (v.submit !== undefined) out.submit = v.submit;
  if (v.close !== undefined) out.close = v.close;
  return out;
}
