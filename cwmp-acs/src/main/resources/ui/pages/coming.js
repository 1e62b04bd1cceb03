import { h } from '../dom.js';

// Files and campaigns need the ACS's file server, which comes with a later issue. This page says so.
export function render(main, params) {
  const files = params.path === '/files';
  main.append(h('h1', {}, files ? 'Files' : 'Campaigns'),
    h('section', { class: 'card note', id: 'coming-note' },
      h('h2', {}, 'Not here yet'),
      h('p', {}, files
        ? 'Firmware images, configuration files and vendor files will be stored and served by the ACS\'s file server, which arrives with a later issue. '
          + 'Until then the NBI answers GET /files/ with an empty list and refuses uploads (501), and the Download button on a device page is disabled.'
        : 'Campaigns (a task or a firmware upgrade rolled out over a device query, in waves, with a stop on failures) arrive with the file server in a later issue. '
          + 'Until then, POST /tasks?query={...} queues one task for every matching device.'),
      h('p', { class: 'muted' }, 'A preset can already record the software version a device should run; its Download waits for the file server.')));
}
