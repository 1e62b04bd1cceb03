// The NBI, as the UI calls it: same origin, the login cookie, and X-Requested-With on every call
// (the ACS refuses cookie-authenticated changes without it, which keeps other sites from forging them).

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

let onUnauthorized = () => {};
export function whenUnauthorized(f) { onUnauthorized = f; }

export async function api(method, path, body) {
  const init = { method, headers: { 'X-Requested-With': 'jcwmp-ui', Accept: 'application/json' }, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const r = await fetch(path, init);
  const text = await r.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = text; }
  }
  if (r.status === 401 && path !== '/auth/login') onUnauthorized();
  if (!r.ok) throw new ApiError(r.status, (data && data.error) || `HTTP ${r.status}`, data);
  return data;
}

export const get = (p) => api('GET', p);
export const post = (p, b) => api('POST', p, b);
export const put = (p, b) => api('PUT', p, b);
export const del = (p) => api('DELETE', p);

export const enc = encodeURIComponent;

/** Queues a task and asks the device to connect now; resolves with the task (done, failed, or still queued). */
export function runTask(deviceId, task, timeoutMs = 20000) {
  return post(`/devices/${enc(deviceId)}/tasks?connection_request&timeout=${timeoutMs}`, task);
}
