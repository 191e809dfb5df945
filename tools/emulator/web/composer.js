// The message box: slash-command and @person autocomplete, like Slack's client.
(function () {
  'use strict';
  const { h } = window.LW;

  /**
   * `commands()`: [{ command, description, usage_hint }] from manifest.yml; `users()`: people to mention;
   * `onSend(text)`: the line as typed.
   */
  function createComposer({ form, input, suggest, commands, users, onSend }) {
    let items = [];
    let active = 0;
    let apply = null;

    const hide = () => {
      suggest.classList.add('hidden');
      items = [];
    };

    function show(list, choose) {
      items = list;
      apply = choose;
      active = 0;
      suggest.replaceChildren();
      if (list.length === 0) return hide();
      list.forEach((item, i) => {
        const row = h('div', 'suggest-item' + (i === active ? ' active' : ''));
        row.setAttribute('role', 'option');
        row.append(h('strong', '', item.label), h('span', 'hint', item.detail || ''));
        row.addEventListener('mousedown', (e) => {
          e.preventDefault();
          choose(item);
        });
        suggest.appendChild(row);
      });
      suggest.classList.remove('hidden');
    }

    function highlight() {
      [...suggest.children].forEach((row, i) => row.classList.toggle('active', i === active));
    }

    function refresh() {
      const caret = input.selectionStart ?? input.value.length;
      const before = input.value.slice(0, caret);
      const cmd = /^\/([a-z]*)$/.exec(before);
      if (cmd) {
        const list = commands().filter((c) => c.command.slice(1).startsWith(cmd[1]));
        return show(list.map((c) => ({ label: c.command, detail: `${c.usage_hint || ''} — ${c.description || ''}`, value: c.command })), (item) => {
          input.value = item.value + ' ' + input.value.slice(caret);
          input.setSelectionRange(item.value.length + 1, item.value.length + 1);
          refresh();
        });
      }
      const mention = /(^|\s)@([\w.-]*)$/.exec(before);
      if (mention && input.value.startsWith('/')) {
        const q = mention[2].toLowerCase();
        const list = users().filter((u) => !u.isBot && (u.name.startsWith(q) || u.realName.toLowerCase().split(' ').some((w) => w.startsWith(q))));
        return show(list.slice(0, 8).map((u) => ({ label: u.realName, detail: `@${u.name} · ${u.title || ''}`, value: u.name })), (item) => {
          const start = caret - mention[2].length;
          const text = item.value + ' ';
          input.value = input.value.slice(0, start) + text + input.value.slice(caret);
          input.setSelectionRange(start + text.length, start + text.length);
          hide();
        });
      }
      hide();
    }

    input.addEventListener('input', refresh);
    input.addEventListener('blur', () => setTimeout(hide, 150));
    input.addEventListener('keydown', (e) => {
      if (items.length === 0) return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        active = (active + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
        highlight();
      } else if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        apply(items[active]);
      } else if (e.key === 'Escape') {
        hide();
      }
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      input.value = '';
      hide();
      onSend(text);
    });
  }

  window.LW = Object.assign(window.LW || {}, { createComposer });
})();
