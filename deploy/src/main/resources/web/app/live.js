// Live data for a console page: server-sent events from `${url}/stream`, and polling of `url` itself when the stream
// cannot be had (a proxy that buffers, an old browser). The same helper serves every live page.

const POLL_MS = 2000;

/**
 * @param {string} url the JSON endpoint; its stream is url + '/stream'
 * @param {(data: any) => void} onData called with each new value
 * @param {(state: 'live'|'polling'|'reconnecting'|'offline') => void} onState called when the connection changes
 */
export function live(url, onData, onState) {
    if (!window.EventSource) {
        poll(url, onData, onState);
        return;
    }
    const stream = new EventSource(url + '/stream');
    stream.onmessage = (event) => {
        onState('live');
        onData(JSON.parse(event.data));
    };
    stream.onerror = () => {
        if (stream.readyState === EventSource.CLOSED) {
            // refused outright (e.g. the session ended): the JSON endpoint tells why
            poll(url, onData, onState);
        } else {
            onState('reconnecting');
        }
    };
}

function poll(url, onData, onState) {
    const once = async () => {
        try {
            const response = await fetch(url, {headers: {'Accept': 'application/json'}});
            if (response.status === 401) {
                window.location.href = '/console/login';
                return;
            }
            if (!response.ok) {
                throw new Error(response.statusText);
            }
            onState('polling');
            onData(await response.json());
        } catch (e) {
            onState('offline');
        }
        setTimeout(once, POLL_MS);
    };
    once();
}
