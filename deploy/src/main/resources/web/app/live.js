// Live data for a console page: server-sent events from `${url}/stream`, and polling of `url` itself when the stream
// cannot be had (a proxy that buffers, an old browser). The same helper serves every live page.

const POLL_MS = 2000;

/**
 * @param {string} url the JSON endpoint; its stream is url + '/stream'
 * @param {(data: any) => void} onData called with each new value
 * @param {(state: 'live'|'polling'|'reconnecting'|'offline'|'refused', reason?: string) => void} onState called when
 *        the connection changes; 'refused' (a bad parameter: 4xx) comes with the API's reason and ends the updates
 * @param {string} [query] the query string both take, without '?'
 * @returns {{close: () => void}} stops the updates (e.g. when the page asks for something else)
 */
export function live(url, onData, onState, query = '') {
    const suffix = query ? '?' + query : '';
    const state = {closed: false, timer: null, stream: null};
    const close = () => {
        state.closed = true;
        clearTimeout(state.timer);
        if (state.stream) {
            state.stream.close();
        }
    };
    if (!window.EventSource) {
        poll(url + suffix, onData, onState, state);
        return {close};
    }
    state.stream = new EventSource(url + '/stream' + suffix);
    state.stream.onmessage = (event) => {
        onState('live');
        onData(JSON.parse(event.data));
    };
    state.stream.onerror = () => {
        if (state.stream.readyState === EventSource.CLOSED) {
            // refused outright (the session ended, a bad parameter): the JSON endpoint tells why
            poll(url + suffix, onData, onState, state);
        } else {
            onState('reconnecting');
        }
    };
    return {close};
}

function poll(url, onData, onState, state) {
    const once = async () => {
        if (state.closed) {
            return;
        }
        try {
            const response = await fetch(url, {headers: {'Accept': 'application/json'}});
            if (response.status === 401) {
                window.location.href = '/console/login';
                return;
            }
            if (response.status >= 400 && response.status < 500) {
                const answer = await response.json().catch(() => ({}));
                onState('refused', answer.reason || response.statusText);
                return; // asking again would be refused again
            }
            if (!response.ok) {
                throw new Error(response.statusText);
            }
            const data = await response.json();
            if (!state.closed) {
                onState('polling');
                onData(data);
            }
        } catch (e) {
            onState('offline');
        }
        state.timer = setTimeout(once, POLL_MS);
    };
    once();
}
