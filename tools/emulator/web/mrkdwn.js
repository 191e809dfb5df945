// Slack mrkdwn → DOM nodes. Everything is built with createElement/textContent, never innerHTML,
// so message text can never inject markup; only http(s)/mailto links become anchors.
(function () {
  'use strict';

  const EMOJI = {
    '+1': '👍', '-1': '👎', thumbsup: '👍', bulb: '💡', tada: '🎉', wave: '👋', white_check_mark: '✅', red_circle: '🔴',
    large_green_circle: '🟢', large_yellow_circle: '🟡', white_circle: '⚪', hourglass: '⌛', compass: '🧭', calendar: '📅',
    double_vertical_bar: '⏸️', bar_chart: '📊', zzz: '💤', warning: '⚠️', sparkles: '✨', dart: '🎯', speech_balloon: '💬',
    people_holding_hands: '🧑‍🤝‍🧑', lock: '🔒', link: '🔗', information_source: 'ℹ️', eyes: '👀', busts_in_silhouette: '👥',
    bell: '🔔', no_bell: '🔕', ballot_box_with_check: '☑️', star: '⭐', clap: '👏', raised_hands: '🙌', heart: '❤️',
    memo: '📝', seedling: '🌱', point_right: '👉', rocket: '🚀', trophy: '🏆', muscle: '💪', pray: '🙏', smile: '😄',
    slightly_smiling_face: '🙂', thinking_face: '🤔', chart_with_upwards_trend: '📈', mag: '🔍', pushpin: '📌',
    clipboard: '📋', handshake: '🤝', outbox_tray: '📤', inbox_tray: '📥', hourglass_flowing_sand: '⏳', heavy_check_mark: '✔️', x: '❌', arrow_right: '➡️', bust_in_silhouette: '👤',
  };

  function decode(text) {
    return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }

  function emoji(text) {
    return text.replace(/:([a-z0-9_+-]+):/g, (m, name) => EMOJI[name] || m);
  }

  const INLINE_SOURCE = (
    [
      '```([\\s\\S]+?)```', // 1 preformatted
      '`([^`\\n]+)`', // 2 code
      '<([^<>\\n]+)>', // 3 link, mention, channel, special
      '(?<![\\w*])\\*(?!\\s)([^*\\n]+?)\\*(?![\\w*])', // 4 bold
      '(?<![\\w_])_(?!\\s)([^_\\n]+?)_(?![\\w_])', // 5 italic
      '(?<![\\w~])~(?!\\s)([^~\\n]+?)~(?![\\w~])', // 6 strike
      '(\\n)', // 7 line break
    ].join('|')
  );

  function textNode(raw) {
    return document.createTextNode(emoji(decode(raw)));
  }

  function angle(token, ctx) {
    const bar = token.indexOf('|');
    const target = bar >= 0 ? token.slice(0, bar) : token;
    const label = bar >= 0 ? decode(token.slice(bar + 1)) : '';
    const span = (cls, text) => {
      const el = document.createElement('span');
      el.className = cls;
      el.textContent = text;
      return el;
    };
    if (/^@[UW][A-Z0-9]+$/.test(target)) return span('mention', '@' + (ctx.userName(target.slice(1)) || label || target.slice(1)));
    if (/^#C[A-Z0-9]+$/.test(target)) return span('mention', '#' + (ctx.channelName(target.slice(1)) || label || target.slice(1)));
    if (target.startsWith('!')) {
      const word = target.slice(1).split('^')[0];
      if (word === 'date') return span('', label || 'a date');
      return span('mention', label || '@' + word);
    }
    const url = decode(target);
    if (/^(https?:\/\/|mailto:)/i.test(url)) {
      const a = document.createElement('a');
      a.href = url;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.textContent = label || url;
      return a;
    }
    return document.createTextNode(label || url);
  }

  /** Appends the rendered inline mrkdwn of `text` to `parent`. */
  function inline(parent, text, ctx) {
    // A regex per call: bold/italic recurse, and a shared global regex would lose its place.
    const re = new RegExp(INLINE_SOURCE, 'g');
    let last = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m.index > last) parent.appendChild(textNode(text.slice(last, m.index)));
      last = re.lastIndex;
      if (m[1] !== undefined) {
        const pre = document.createElement('pre');
        pre.textContent = decode(m[1].replace(/^\n/, ''));
        parent.appendChild(pre);
      } else if (m[2] !== undefined) {
        const code = document.createElement('code');
        code.textContent = decode(m[2]);
        parent.appendChild(code);
      } else if (m[3] !== undefined) {
        parent.appendChild(angle(m[3], ctx));
      } else if (m[7] !== undefined) {
        parent.appendChild(document.createElement('br'));
      } else {
        const tag = m[4] !== undefined ? 'strong' : m[5] !== undefined ? 'em' : 's';
        const el = document.createElement(tag);
        inline(el, m[4] ?? m[5] ?? m[6], ctx);
        parent.appendChild(el);
      }
    }
    if (last < text.length) parent.appendChild(textNode(text.slice(last)));
  }

  /** A block of mrkdwn: lines starting with `>` (escaped `&gt;`) become a quote. */
  function mrkdwn(text, ctx) {
    const root = document.createElement('div');
    root.className = 'mrkdwn';
    const lines = String(text || '').split('\n');
    let buffer = [];
    let quote = [];
    const flush = () => {
      if (buffer.length) inline(root, buffer.join('\n'), ctx);
      if (quote.length) {
        if (buffer.length) root.appendChild(document.createElement('br'));
        const q = document.createElement('blockquote');
        inline(q, quote.join('\n'), ctx);
        root.appendChild(q);
      }
      buffer = [];
      quote = [];
    };
    for (const line of lines) {
      const q = /^(&gt;|>) ?(.*)$/.exec(line);
      if (q) quote.push(q[2]);
      else {
        if (quote.length) flush();
        buffer.push(line);
      }
    }
    flush();
    return root;
  }

  /** A text object: mrkdwn or plain_text (emoji shortcodes only). */
  function textObject(obj, ctx) {
    if (!obj) return document.createElement('span');
    if (obj.type === 'mrkdwn') return mrkdwn(obj.text, ctx);
    const span = document.createElement('span');
    span.className = 'plain';
    span.textContent = emoji(String(obj.text || ''));
    return span;
  }

  function plainText(obj) {
    return obj ? emoji(String(obj.text || '')) : '';
  }

  window.LW = Object.assign(window.LW || {}, { mrkdwn, textObject, plainText, emoji });
})();
