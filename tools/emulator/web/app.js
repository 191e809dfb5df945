// The playground page: who you are, conversations, App Home, modals. It polls the dev server for the
// emulator's state and sends every gesture to POST /play/do, which drives the app like Slack does.
(function () {
  'use strict';
  const { renderBlocks, mrkdwn, h, createComposer } = window.LW;
  const $ = (id) => document.getElementById(id);

  const ui = {
    me: null,
    snap: null,
    version: -1,
    manifest: { commands: [], shortcuts: [] },
    conv: null, // a channel id, or 'app'
    appTab: 'messages',
    keys: {},
    clientErrors: {},
    seen: {},
  };

  // ---- server -------------------------------------------------------------------------------------------
  let toastTimer;
  function toast(text, isError) {
    const t = $('toast');
    t.textContent = text;
    t.className = 'toast' + (isError ? ' error' : '');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => t.classList.add('hidden'), isError ? 6000 : 3500);
  }

  async function send(action) {
    try {
      const res = await fetch('/play/do', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: ui.me, ...action }) });
      const out = await res.json();
      if (!out.ok) toast(out.error || 'That did not work.', true);
      else if (out.note) toast(out.note);
      poll(true);
      return out;
    } catch (err) {
      toast(`The dev server did not answer: ${err.message}`, true);
      return { ok: false };
    }
  }

  let polling = false;
  async function poll(force) {
    if (polling && !force) return;
    polling = true;
    try {
      const since = force ? -1 : ui.version;
      const res = await fetch(`/play/state?user=${encodeURIComponent(ui.me || '')}&since=${since}`);
      const snap = await res.json();
      // Polls can cross: an answer older than what is shown, or for the person before a switch, is dropped.
      const fresher = !ui.snap || ui.snap.me !== snap.me || snap.version >= ui.version;
      if (!snap.unchanged && snap.users && snap.me === ui.me && fresher) {
        ui.snap = snap;
        ui.version = snap.version;
        render();
      }
    } catch {
      /* the server restarts or stops: try again on the next tick */
    } finally {
      polling = false;
    }
  }

  // ---- lookups ----------------------------------------------------------------------------------------
  const user = (id) => ui.snap.users.find((u) => u.id === id);
  const conversation = (id) => ui.snap.conversations.find((c) => c.id === id);
  const dm = () => ui.snap.conversations.find((c) => c.kind === 'dm');
  const ctxBase = () => ({
    users: ui.snap.users,
    channels: ui.snap.conversations.filter((c) => c.kind === 'channel'),
    userName: (id) => user(id)?.realName,
    channelName: (id) => conversation(id)?.name,
    confirm: (dialog, go) => LW.showConfirm(dialog, go, ctxBase()),
  });

  // ---- rendering ----------------------------------------------------------------------------------------
  function changed(key, value) {
    const json = JSON.stringify(value);
    if (ui.keys[key] === json) return false;
    ui.keys[key] = json;
    return true;
  }

  function renderWho() {
    const who = $('who');
    if (!changed('who', ui.snap.users.map((u) => u.id))) return;
    who.replaceChildren();
    for (const u of ui.snap.users.filter((x) => !x.isBot)) {
      const o = h('option', '', `${u.realName} — ${u.title}`);
      o.value = u.id;
      who.appendChild(o);
    }
    who.value = ui.me;
  }

  /** New messages in conversations you are not looking at: a badge, so a DM from a Home button is noticed. */
  function unread(c) {
    if (!c) return 0;
    const key = `${ui.me}:${c.kind === 'dm' ? 'app' : c.id}`;
    const open = ui.conv === (c.kind === 'dm' ? 'app' : c.id) && !(c.kind === 'dm' && ui.appTab === 'home');
    if (ui.seen[key] === undefined || open) ui.seen[key] = c.messages.length;
    return Math.max(0, c.messages.length - ui.seen[key]);
  }

  function label(text, count) {
    const frag = document.createDocumentFragment();
    frag.append(document.createTextNode(text));
    if (count > 0) frag.append(h('span', 'badge', String(count)));
    return frag;
  }

  function renderSidebar() {
    const list = $('channels');
    const channels = ui.snap.conversations.filter((c) => c.kind === 'channel');
    const counts = channels.map(unread);
    const appCount = unread(dm());
    if (changed('sidebar', [channels.map((c) => c.id), counts, appCount, ui.conv])) {
      list.replaceChildren();
      channels.forEach((c, i) => {
        const b = h('button', 'side-item' + (ui.conv === c.id ? ' active' : ''));
        b.append(label(`# ${c.name}`, counts[i]));
        b.type = 'button';
        b.addEventListener('click', () => select(c.id));
        list.appendChild(h('li')).appendChild(b);
      });
      const app = $('app-item');
      app.replaceChildren(h('span', 'app-dot', 'L'), label(' Leadwell', appCount));
      app.classList.toggle('active', ui.conv === 'app');
    }
  }

  function renderTips() {
    const me = user(ui.me);
    const reports = ui.snap.users.filter((u) => u.managerId === ui.me);
    const first = reports[0];
    const text = first
      ? `You are *${me.realName}* (${me.title}), manager of ${reports.map((r) => r.realName.split(' ')[0]).join(', ')}. Try \`/oneonone @${first.name}\`, ⚡ *Give kudos*, or *Leadwell → Home*.`
      : `You are *${me.realName}* (${me.title}). Try ⚡ *Give kudos*, \`/goal\`, or *Leadwell → Home*.`;
    if (changed('tips', text)) $('tips').replaceChildren(mrkdwn(text, ctxBase()));
  }

  function renderMessages() {
    const c = ui.conv === 'app' ? dm() : conversation(ui.conv);
    const box = $('messages');
    // The clock offset is part of the key: after a clock jump the times are redrawn ("Mon 09:00", not yesterday's day).
    // (to the minute: the offset wobbles by a millisecond between snapshots, and a redraw under a click would lose it).
    if (!changed('messages', [ui.me, ui.conv, c && c.messages, Math.round(ui.snap.clockOffsetMs / 60_000)])) return;
    const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
    box.replaceChildren();
    if (!c || c.messages.length === 0) box.appendChild(h('div', 'empty', ui.conv === 'app' ? 'No messages from Leadwell yet. Type a command below: answers only you can see appear here.' : 'No messages yet.'));
    else {
      const clock = { nowMs: Date.now() + ui.snap.clockOffsetMs, tz: user(ui.me).tz };
      for (const m of c.messages) box.appendChild(LW.messageNode(c, m, { user, ctx: ctxBase(), send, shortcuts: ui.manifest.shortcuts, clock }));
    }
    if (nearBottom || ui.keys.scrolledFor !== ui.conv) box.scrollTop = box.scrollHeight;
    ui.keys.scrolledFor = ui.conv;
  }

  function renderHome() {
    const box = $('home');
    if (!changed('home', [ui.me, ui.snap.home])) return;
    box.replaceChildren();
    if (!ui.snap.home) return box.appendChild(h('div', 'empty', 'Opening the Home tab…'));
    box.appendChild(renderBlocks(ui.snap.home.blocks, { ...ctxBase(), act: (a) => send({ kind: 'click', ...a, where: 'home' }) }));
  }

  function renderMain() {
    const isApp = ui.conv === 'app';
    const showHome = isApp && ui.appTab === 'home';
    $('conv-title').textContent = isApp ? 'Leadwell' : `#${conversation(ui.conv)?.name ?? ''}`;
    $('app-tabs').classList.toggle('hidden', !isApp);
    for (const t of document.querySelectorAll('.tab')) t.classList.toggle('active', t.dataset.tab === ui.appTab);
    $('messages').classList.toggle('hidden', showHome);
    $('composer').classList.toggle('hidden', showHome);
    $('home').classList.toggle('hidden', !showHome);
    $('input').placeholder = isApp ? 'Message Leadwell — type / for commands' : `Message #${conversation(ui.conv)?.name ?? ''} — type / for commands`;
    if (showHome) renderHome();
    else renderMessages();
  }

  function renderClock() {
    if (!ui.snap) return;
    const me = user(ui.me);
    const now = new Date(Date.now() + ui.snap.clockOffsetMs);
    const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: me.tz, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    $('clock').textContent = `${fmt.format(now)} (${me.tz})`;
  }

  function render() {
    if (!ui.conv) ui.conv = ui.snap.conversations.find((c) => c.name === 'general')?.id ?? 'app';
    renderWho();
    renderSidebar();
    renderTips();
    renderMain();
    LW.renderModal(ui, { ctxBase, send });
    renderClock();
  }

  function select(conv, tab) {
    ui.conv = conv;
    if (tab) ui.appTab = tab;
    if (conv === 'app' && ui.appTab === 'home') send({ kind: 'openHome' });
    render();
  }

  // ---- wiring -------------------------------------------------------------------------------------------
  function onSend(text) {
    const channelId = ui.conv === 'app' ? undefined : ui.conv;
    const cmd = /^(\/[a-z]+)(?:\s+([\s\S]*))?$/.exec(text);
    if (cmd) {
      if (!ui.manifest.commands.some((c) => c.command === cmd[1])) return toast(`${cmd[1]} is not a command of this app. Try ${ui.manifest.commands.map((c) => c.command).join(', ')}.`, true);
      return send({ kind: 'command', command: cmd[1], text: cmd[2] || '', channelId });
    }
    return send({ kind: 'post', channelId: channelId || dm()?.id || '', text });
  }

  function wireShortcuts() {
    const menu = $('shortcuts-menu');
    menu.replaceChildren();
    for (const s of ui.manifest.shortcuts.filter((x) => x.type === 'global')) {
      const item = h('button', 'menu-item', s.name);
      item.type = 'button';
      item.title = s.description || '';
      item.addEventListener('click', () => {
        menu.classList.add('hidden');
        send({ kind: 'globalShortcut', callbackId: s.callback_id });
      });
      menu.appendChild(item);
    }
    $('shortcuts-button').addEventListener('click', () => menu.classList.toggle('hidden'));
  }

  async function start() {
    ui.manifest = await (await fetch('/play/manifest')).json();
    const params = new URLSearchParams(location.search);
    const first = await (await fetch('/play/state')).json();
    const wanted = params.get('as') || localStorage.getItem('leadwell-playground-user');
    const byName = first.users.find((u) => u.id === wanted || u.name === wanted);
    ui.me = byName ? byName.id : first.defaultUser;
    const dashboardLink = () => ($('dashboard-link').href = `/play/dashboard?user=${encodeURIComponent(ui.me)}`);
    dashboardLink();
    $('who').addEventListener('change', (e) => {
      ui.me = e.target.value;
      dashboardLink();
      localStorage.setItem('leadwell-playground-user', ui.me);
      ui.keys = {};
      ui.clientErrors = {};
      if (ui.conv === 'app' && ui.appTab === 'home') send({ kind: 'openHome' });
      else poll(true);
    });
    $('app-item').addEventListener('click', () => select('app'));
    for (const t of document.querySelectorAll('.tab')) t.addEventListener('click', () => select('app', t.dataset.tab));
    for (const b of document.querySelectorAll('[data-clock]')) b.addEventListener('click', () => send({ kind: 'clock', move: b.dataset.clock }));
    for (const b of document.querySelectorAll('[data-slack]')) b.addEventListener('click', () => send({ kind: 'slack', state: b.dataset.slack }));
    createComposer({
      form: $('composer'),
      input: $('input'),
      suggest: $('suggest'),
      commands: () => ui.manifest.commands,
      users: () => (ui.snap ? ui.snap.users : []),
      onSend,
    });
    wireShortcuts();
    await poll(true);
    setInterval(() => poll(false), 700);
    setInterval(renderClock, 15000);
  }

  Object.assign(window.LW, { toast });
  start().catch((err) => toast(`The playground could not load: ${err.message}`, true));
})();
