// Block Kit layout blocks → DOM. `ctx` carries name lookups, the action sender, the confirm dialog,
// field errors (modals) and the list where input blocks register their value collectors.
(function () {
  'use strict';
  const { textObject, plainText, element, h, mrkdwn } = window.LW;

  function section(block, ctx) {
    const row = h('div', 'section');
    const body = h('div', 'section-body');
    if (block.text) body.appendChild(textObject(block.text, ctx));
    if (block.fields) {
      const grid = h('div', 'fields');
      for (const f of block.fields) grid.appendChild(textObject(f, ctx));
      body.appendChild(grid);
    }
    row.appendChild(body);
    if (block.accessory) {
      const acc = h('div', 'accessory');
      acc.appendChild(element(block.accessory, ctx, block.block_id, true).node);
      row.appendChild(acc);
    }
    return row;
  }

  function context(block, ctx) {
    const row = h('div', 'context');
    for (const el of block.elements || []) {
      if (el.type === 'image') row.appendChild(h('span', 'image-alt', `[${el.alt_text || 'image'}]`));
      else row.appendChild(textObject(el, ctx));
    }
    return row;
  }

  function actions(block, ctx) {
    const row = h('div', 'actions');
    for (const el of block.elements || []) row.appendChild(element(el, ctx, block.block_id, true).node);
    return row;
  }

  function input(block, ctx) {
    const wrap = h('div', 'input-block');
    wrap.dataset.blockId = block.block_id || '';
    const label = h('label', 'input-label', plainText(block.label));
    if (block.optional) label.appendChild(h('span', 'optional', ' (optional)'));
    wrap.appendChild(label);
    const el = block.element || {};
    const control = element(el, ctx, block.block_id, Boolean(block.dispatch_action));
    wrap.appendChild(control.node);
    if (control.get && ctx.collectors) ctx.collectors.push({ blockId: block.block_id, actionId: el.action_id, get: control.get, set: control.set });
    if (block.hint) wrap.appendChild(h('div', 'hint', plainText(block.hint)));
    const error = ctx.errors && ctx.errors[block.block_id];
    if (error) {
      wrap.classList.add('has-error');
      const e = h('div', 'field-error');
      e.appendChild(mrkdwn(error, ctx));
      wrap.appendChild(e);
    }
    return wrap;
  }

  function richText(block, ctx) {
    const parts = [];
    const walk = (el) => {
      if (el.type === 'text') parts.push(String(el.text).replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]));
      else if (el.type === 'user') parts.push(`<@${el.user_id}>`);
      else if (el.type === 'channel') parts.push(`<#${el.channel_id}>`);
      else if (el.type === 'link') parts.push(el.text ? `<${el.url}|${el.text}>` : `<${el.url}>`);
      else if (el.type === 'emoji') parts.push(`:${el.name}:`);
      for (const child of el.elements || []) walk(child);
      if (el.type === 'rich_text_list' || el.type === 'rich_text_section') parts.push('\n');
    };
    for (const el of block.elements || []) walk(el);
    return mrkdwn(parts.join(''), ctx);
  }

  function block(b, ctx) {
    switch (b.type) {
      case 'section': return section(b, ctx);
      case 'header': return h('h3', 'header', plainText(b.text));
      case 'divider': return h('hr', 'divider');
      case 'context': return context(b, ctx);
      case 'actions': return actions(b, ctx);
      case 'input': return input(b, ctx);
      case 'markdown': return mrkdwn(b.text, ctx);
      case 'rich_text': return richText(b, ctx);
      case 'image': return h('div', 'image-alt', `[image: ${plainText(b.title) || b.alt_text || ''}]`);
      default: return h('div', 'unsupported', `[${b.type} block is not shown in the playground]`);
    }
  }

  /** The blocks of a message, modal or home tab as one element. */
  function renderBlocks(blocks, ctx) {
    const root = h('div', 'blocks');
    for (const b of blocks || []) {
      const node = block(b, ctx);
      if (b.block_id) node.dataset.blockId = b.block_id;
      root.appendChild(node);
    }
    return root;
  }

  window.LW = Object.assign(window.LW || {}, { renderBlocks });
})();
