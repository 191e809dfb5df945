// The top modal of the person's stack. Typed values survive a redraw of the same view (views.update, field
// errors) like in Slack's client: they are read back and set again by block_id/action_id.
(function () {
  'use strict';
  const { renderBlocks, h, plainText } = window.LW;
  let collectors = [];
  let shownId = null;

  function collect() {
    const values = {};
    for (const c of collectors) {
      if (!c.blockId || !c.actionId) continue;
      const v = c.get();
      if (v === undefined) continue;
      (values[c.blockId] = values[c.blockId] || {})[c.actionId] = v;
    }
    return values;
  }

  function renderModal(ui, { ctxBase, send }) {
    const layer = document.getElementById('modal-layer');
    const view = ui.snap.modal;
    if (!view) {
      layer.classList.add('hidden');
      layer.replaceChildren();
      shownId = null;
      ui.keys.modal = undefined;
      return;
    }
    const errors = { ...(ui.clientErrors[view.id] || {}), ...(view.errors || {}) };
    const key = JSON.stringify([view.id, view.hash, errors, ui.snap.modalDepth]);
    if (ui.keys.modal === key) return;
    ui.keys.modal = key;
    const kept = shownId === view.id ? collect() : {};
    shownId = view.id;
    collectors = [];
    const act = (a) => send({ kind: 'click', ...a, where: 'view', values: collect() });
    const submit = async () => {
      ui.clientErrors[view.id] = {};
      const out = await send({ kind: 'submit', values: collect() });
      if (out.ok && out.errors) {
        ui.clientErrors[view.id] = out.errors;
        ui.keys.modal = undefined;
        renderModal(ui, { ctxBase, send });
      }
    };
    const box = h('div', 'modal');
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-label', plainText(view.title));
    const head = h('div', 'modal-head');
    head.appendChild(h('h3', '', plainText(view.title)));
    const x = h('button', 'close', '×');
    x.type = 'button';
    x.setAttribute('aria-label', 'Close');
    x.addEventListener('click', () => send({ kind: 'close' }));
    head.appendChild(x);
    const body = h('div', 'modal-body');
    body.appendChild(renderBlocks(view.blocks, { ...ctxBase(), act, errors, collectors }));
    const foot = h('div', 'modal-foot');
    if (ui.snap.modalDepth > 1) foot.appendChild(h('span', 'modal-depth', `${ui.snap.modalDepth} views stacked`));
    const cancel = h('button', 'btn', plainText(view.close) || (view.submit ? 'Cancel' : 'Close'));
    cancel.type = 'button';
    cancel.addEventListener('click', () => send({ kind: 'close' }));
    foot.appendChild(cancel);
    if (view.submit) {
      const ok = h('button', 'btn btn-primary', plainText(view.submit));
      ok.type = 'button';
      ok.addEventListener('click', submit);
      foot.appendChild(ok);
    }
    box.append(head, body, foot);
    layer.replaceChildren(box);
    layer.classList.remove('hidden');
    for (const c of collectors) {
      const v = kept[c.blockId] && kept[c.blockId][c.actionId];
      if (v !== undefined && c.set) c.set(v);
    }
  }

  /** A button's `confirm` object as Slack's dialog: nothing is sent unless the person confirms. */
  function showConfirm(dialog, go, ctx) {
    const layer = document.getElementById('confirm-layer');
    const box = h('div', 'modal');
    box.setAttribute('role', 'alertdialog');
    const head = h('div', 'modal-head');
    head.appendChild(h('h3', '', plainText(dialog.title) || 'Are you sure?'));
    const body = h('div', 'modal-body');
    body.appendChild(LW.textObject(dialog.text, ctx));
    const foot = h('div', 'modal-foot');
    const deny = h('button', 'btn', plainText(dialog.deny) || 'Cancel');
    const ok = h('button', 'btn ' + (dialog.style === 'danger' ? 'btn-danger' : 'btn-primary'), plainText(dialog.confirm) || 'Yes');
    deny.type = ok.type = 'button';
    const close = () => layer.classList.add('hidden');
    deny.addEventListener('click', close);
    ok.addEventListener('click', () => {
      close();
      go();
    });
    foot.append(deny, ok);
    box.append(head, body, foot);
    layer.replaceChildren(box);
    layer.classList.remove('hidden');
  }

  window.LW = Object.assign(window.LW || {}, { renderModal, showConfirm });
})();
