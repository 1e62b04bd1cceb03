import { h } from '../dom.js';

// Campaigns come with the firmware-campaign part of the transfers issue. This page says so.
export function render(main) {
  main.append(h('h1', {}, 'Campaigns'),
    h('section', { class: 'card note', id: 'coming-note' },
      h('h2', {}, 'Not here yet'),
      h('p', {}, 'Campaigns (a task or a firmware upgrade rolled out over a device query, in waves, with a stop on failures) '
        + 'arrive with the firmware-campaign part of the transfers issue. Until then, POST /tasks?query={...} queues one task '
        + 'for every matching device, and files for Download tasks are on the Files page.')));
}
