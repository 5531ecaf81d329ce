// The live stream, read with fetch() so that it carries the Authorization header (EventSource cannot send one).
import { AuthError, api, errorOf } from './api.js';

function dispatch(block, on) {
  let event = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (!data.length) return;
  const payload = JSON.parse(data.join('\n'));
  if (event === 'snapshot') {
    on.connection('Live');
    on.snapshot(payload);
  } else if (event === 'error') {
    on.connection(`Live, but the controller says: ${payload.error}`);
  }
}

const pause = (ms, signal) => new Promise(resolve => {
  const timer = setTimeout(resolve, ms);
  signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
});

/** Follows the stream until <signal> aborts, reconnecting after half a second, then up to ten. */
export async function follow(signal, on) {
  let backoff = 500;
  while (!signal.aborted) {
    try {
      const response = await api('/v1/stream', { signal, headers: { Accept: 'text/event-stream' } });
      if (!response.ok) throw new Error(await errorOf(response));
      backoff = 500;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value.replace(/\r\n/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          dispatch(buffer.slice(0, end), on);
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (e) {
      if (signal.aborted || e instanceof AuthError) return;
      on.connection(`Disconnected (${e.message}); reconnecting…`);
    }
    if (signal.aborted) return;
    on.connection('Reconnecting…');
    await pause(backoff, signal);
    backoff = Math.min(backoff * 2, 10000);
  }
}
