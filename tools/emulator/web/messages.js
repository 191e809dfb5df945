// A conversation's messages as Slack's client draws them.
(function () {
  'use strict';
  const { renderBlocks, mrkdwn, h } = window.LW;

  /**
   * A message's time on the app's clock (the emulator runs on it: after a clock jump, new messages are stamped with the
   * app's time), in the persona's time zone like the clock in the top bar; the day is shown when it is not that day's today.
   */
  function when(ms, clock) {
    const zone = { timeZone: clock.tz };
    const time = new Intl.DateTimeFormat('en-GB', { ...zone, hour: '2-digit', minute: '2-digit' }).format(ms);
    const day = (t) => new Intl.DateTimeFormat('en-GB', { ...zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);
    if (day(ms) === day(clock.nowMs)) return time;
    return `${new Intl.DateTimeFormat('en-GB', { ...zone, weekday: 'short', day: 'numeric', month: 'short' }).format(ms)} ${time}`;
  }

  function avatar(u) {
    const name = u ? u.realName : '?';
    let hash = 0;
    for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) % 360;
    const a = h('div', 'avatar', name.split(' ').map((w) => w[0]).join('').slice(0, 2));
    a.style.background = u && u.isBot ? '#2eb67d' : `hsl(${hash}, 45%, 45%)`;
    return a;
  }

  /** One message: avatar, author, time, "only visible to you", blocks (or its mrkdwn text), message shortcuts. */
  function messageNode(c, m, { user, ctx: base, send, shortcuts: all, clock }) {
    const u = user(m.user);
    const row = h('div', 'message' + (m.ephemeral ? ' ephemeral' : ''));
    row.dataset.ts = m.ts;
    row.appendChild(avatar(u));
    const body = h('div', 'message-body');
    const meta = h('div', 'message-meta');
    meta.appendChild(h('span', 'author', u ? u.realName : 'Someone'));
    if (m.bot) meta.appendChild(h('span', 'app-badge', 'APP'));
    meta.appendChild(h('span', 'time', when(Number(m.ts) * 1000, clock)));
    if (m.ephemeral) meta.appendChild(h('span', 'only-you', 'Only visible to you'));
    body.appendChild(meta);
    const ctx = { ...base, act: (a) => send({ kind: 'click', ...a, where: { channel: c.id, ts: m.ts } }) };
    body.appendChild(m.blocks && m.blocks.length ? renderBlocks(m.blocks, ctx) : mrkdwn(m.text, ctx));
    row.appendChild(body);
    const shortcuts = all.filter((s) => s.type === 'message');
    if (!m.ephemeral && shortcuts.length) {
      const el = { type: 'overflow', action_id: '', options: shortcuts.map((s) => ({ text: { type: 'plain_text', text: s.name }, value: s.callback_id })) };
      const menu = LW.element(el, { ...ctx, act: (a) => send({ kind: 'messageShortcut', callbackId: a.value, channel: c.id, ts: m.ts }) }, '', true).node;
      menu.classList.add('message-actions');
      menu.querySelector('button').title = 'More actions (message shortcuts)';
      row.appendChild(menu);
    }
    return row;
  }

  window.LW = Object.assign(window.LW || {}, { messageNode });
})();
