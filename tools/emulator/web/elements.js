// Block Kit interactive elements → form controls. Each control either acts at once (buttons, and selects
// outside input blocks: Slack sends block_actions) or registers a collector the modal reads on submit.
(function () {
  'use strict';
  const { textObject, plainText } = window.LW;

  function h(tag, cls, text) {
    const el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function option(o, selected) {
    const el = h('option', '', plainText(o.text));
    el.value = o.value;
    if (selected) el.selected = true;
    return el;
  }

  function optionsOf(element) {
    if (element.option_groups) return element.option_groups.flatMap((g) => g.options || []);
    return element.options || [];
  }

  function peopleOptions(ctx) {
    return ctx.users.filter((u) => !u.isBot).map((u) => ({ value: u.id, text: { type: 'plain_text', text: `${u.realName} (@${u.name})` } }));
  }

  function channelOptions(ctx) {
    return ctx.channels.map((c) => ({ value: c.id, text: { type: 'plain_text', text: `#${c.name}` } }));
  }

  function button(el, ctx, blockId) {
    const b = h('button', 'btn' + (el.style ? ' btn-' + el.style : ''), plainText(el.text));
    b.type = 'button';
    b.dataset.actionId = el.action_id || '';
    if (el.url && /^https?:\/\//.test(el.url)) {
      b.addEventListener('click', () => window.open(el.url, '_blank', 'noopener'));
      if (!el.action_id) return b;
    }
    b.addEventListener('click', () => {
      const go = () => ctx.act({ actionId: el.action_id, blockId, value: el.value });
      if (el.confirm) ctx.confirm(el.confirm, go);
      else go();
    });
    return b;
  }

  function overflow(el, ctx, blockId) {
    const wrap = h('span', 'overflow');
    const b = h('button', 'btn btn-overflow', '⋯');
    b.type = 'button';
    b.title = 'More options';
    const menu = h('div', 'menu hidden');
    for (const o of el.options || []) {
      const item = h('button', 'menu-item', plainText(o.text));
      item.type = 'button';
      item.addEventListener('click', () => {
        menu.classList.add('hidden');
        const go = () => ctx.act({ actionId: el.action_id, blockId, value: o.value });
        if (el.confirm) ctx.confirm(el.confirm, go);
        else go();
      });
      menu.appendChild(item);
    }
    b.addEventListener('click', () => menu.classList.toggle('hidden'));
    wrap.append(b, menu);
    return wrap;
  }

  function initialValues(el) {
    return [].concat(
      el.initial_user || [], el.initial_users || [], el.initial_conversation || [], el.initial_conversations || [],
      el.initial_channel || [], el.initial_channels || [],
      el.initial_option ? [el.initial_option.value] : [], (el.initial_options || []).map((o) => o.value),
    );
  }

  /** Several picks: chips you can remove, and a select that adds one more (easier than Ctrl-click). */
  function multiPicker(el, ctx, blockId, immediate, opts) {
    let picked = initialValues(el).filter((v) => opts.some((o) => o.value === v));
    const wrap = h('div', 'multi-picker');
    const chips = h('div', 'chips');
    const adder = h('select', 'select');
    adder.dataset.actionId = el.action_id || '';
    adder.setAttribute('aria-label', plainText(el.placeholder) || 'Add');
    const changed = () => {
      draw();
      if (immediate) ctx.act({ actionId: el.action_id, blockId, value: picked.slice() });
    };
    function draw() {
      chips.replaceChildren();
      for (const v of picked) {
        const o = opts.find((x) => x.value === v);
        const chip = h('span', 'chip', o ? plainText(o.text) : v);
        const x = h('button', 'chip-remove', '×');
        x.type = 'button';
        x.setAttribute('aria-label', `Remove ${o ? plainText(o.text) : v}`);
        x.addEventListener('click', () => {
          picked = picked.filter((p) => p !== v);
          changed();
        });
        chip.appendChild(x);
        chips.appendChild(chip);
      }
      adder.replaceChildren(option({ value: '', text: { text: picked.length ? 'Add another…' : plainText(el.placeholder) || 'Add…' } }, true));
      for (const o of opts) if (!picked.includes(o.value)) adder.appendChild(option(o, false));
      const max = el.max_selected_items;
      adder.disabled = Boolean(max && picked.length >= max);
    }
    adder.addEventListener('change', () => {
      if (!adder.value) return;
      picked = picked.concat(adder.value);
      changed();
    });
    draw();
    wrap.append(chips, adder);
    return { node: wrap, get: () => picked.slice(), set: (v) => { picked = [].concat(v || []); draw(); } };
  }

  /** select, multi-select, users/channels selects: a native select; several picks through chips. */
  function select(el, ctx, blockId, immediate) {
    const multi = el.type.startsWith('multi_');
    const kind = el.type.replace(/^multi_/, '');
    let opts = optionsOf(el);
    if (kind === 'users_select') opts = peopleOptions(ctx);
    if (kind === 'conversations_select' || kind === 'channels_select') opts = channelOptions(ctx);
    if (multi) return multiPicker(el, ctx, blockId, immediate, opts);
    const initial = new Set(initialValues(el));
    const s = h('select', 'select');
    s.dataset.actionId = el.action_id || '';
    s.appendChild(option({ value: '', text: el.placeholder || { text: 'Select…' } }, initial.size === 0));
    for (const o of opts) s.appendChild(option(o, initial.has(o.value)));
    const get = () => s.value || undefined;
    const set = (v) => {
      s.value = v || '';
    };
    if (immediate) s.addEventListener('change', () => get() !== undefined && ctx.act({ actionId: el.action_id, blockId, value: get() }));
    return { node: s, get, set };
  }

  function textInput(el, ctx, blockId, immediate) {
    const multiline = Boolean(el.multiline);
    const input = h(multiline ? 'textarea' : 'input', 'text-input');
    if (!multiline) input.type = { email_text_input: 'email', url_text_input: 'url', number_input: 'number' }[el.type] || 'text';
    if (multiline) input.rows = 4;
    if (el.max_length) input.maxLength = el.max_length;
    if (el.placeholder) input.placeholder = plainText(el.placeholder);
    input.value = el.initial_value ?? '';
    input.dataset.actionId = el.action_id || '';
    // dispatch_action on a text input: Slack sends it on Enter (the default trigger).
    if (immediate) input.addEventListener('keydown', (e) => e.key === 'Enter' && !e.shiftKey && (e.preventDefault(), ctx.act({ actionId: el.action_id, blockId, value: input.value })));
    return { node: input, get: () => input.value, set: (v) => { input.value = v ?? ''; } };
  }

  function dateInput(el, ctx, blockId, immediate, type) {
    const input = h('input', 'text-input date');
    input.type = type;
    input.value = (type === 'date' ? el.initial_date : el.initial_time) || '';
    input.dataset.actionId = el.action_id || '';
    if (immediate) input.addEventListener('change', () => input.value && ctx.act({ actionId: el.action_id, blockId, value: input.value }));
    return { node: input, get: () => input.value || undefined, set: (v) => { input.value = v ?? ''; } };
  }

  function choices(el, ctx, blockId, immediate, type) {
    const box = h('div', 'choices');
    const name = `${blockId}-${el.action_id}-${Math.random().toString(36).slice(2, 8)}`;
    const initial = new Set([].concat(el.initial_option ? [el.initial_option.value] : [], (el.initial_options || []).map((o) => o.value)));
    const inputs = [];
    for (const o of el.options || []) {
      const label = h('label', 'choice');
      const input = h('input');
      input.type = type;
      input.name = name;
      input.value = o.value;
      input.checked = initial.has(o.value);
      inputs.push(input);
      const text = h('span', 'choice-text');
      text.appendChild(textObject(o.text, ctx));
      if (o.description) text.appendChild(h('span', 'hint', plainText(o.description)));
      label.append(input, text);
      box.appendChild(label);
    }
    const get = () => {
      const picked = inputs.filter((i) => i.checked).map((i) => i.value);
      return type === 'checkbox' ? picked : picked[0];
    };
    const set = (v) => {
      const want = new Set([].concat(v || []));
      for (const i of inputs) i.checked = want.has(i.value);
    };
    if (immediate) box.addEventListener('change', () => ctx.act({ actionId: el.action_id, blockId, value: get() }));
    return { node: box, get, set };
  }

  /**
   * One element. `immediate`: a change is sent to the app at once (actions blocks, section accessories,
   * inputs with dispatch_action); otherwise the value waits for the modal's submit.
   */
  function element(el, ctx, blockId, immediate) {
    switch (el.type) {
      case 'button':
        return { node: button(el, ctx, blockId) };
      case 'overflow':
        return { node: overflow(el, ctx, blockId) };
      case 'static_select': case 'external_select': case 'users_select': case 'conversations_select': case 'channels_select':
      case 'multi_static_select': case 'multi_external_select': case 'multi_users_select': case 'multi_conversations_select': case 'multi_channels_select':
        return select(el, ctx, blockId, immediate);
      case 'plain_text_input': case 'email_text_input': case 'url_text_input': case 'number_input':
        return textInput(el, ctx, blockId, immediate);
      case 'datepicker':
        return dateInput(el, ctx, blockId, immediate, 'date');
      case 'timepicker':
        return dateInput(el, ctx, blockId, immediate, 'time');
      case 'checkboxes':
        return choices(el, ctx, blockId, immediate, 'checkbox');
      case 'radio_buttons':
        return choices(el, ctx, blockId, immediate, 'radio');
      case 'image':
        return { node: h('span', 'image-alt', `[image: ${el.alt_text || ''}]`) };
      default:
        return { node: h('span', 'unsupported', `[${el.type} is not shown in the playground]`) };
    }
  }

  window.LW = Object.assign(window.LW || {}, { element, h });
})();
