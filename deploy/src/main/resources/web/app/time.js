// Times as people read them: local date and time, and "12 s ago" for recent events.

export function localTime(iso) {
    return iso ? new Date(iso).toLocaleString() : 'never';
}

export function ago(iso, now = Date.now()) {
    if (!iso) {
        return 'never';
    }
    const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
    if (seconds < -5) {
        // event time ahead of this clock (a producer's clock, or data stamped ahead): said, not hidden as "0 s ago"
        return 'in ' + span(-seconds);
    }
    return seconds < 36 * 3600 ? span(Math.max(0, seconds)) + ' ago' : localTime(iso);
}

/** How long from an instant until now: "12 s", "5 min", "3 h", "4 d". */
export function since(iso, now = Date.now()) {
    return span(Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000)));
}

function span(seconds) {
    if (seconds < 90) {
        return seconds + ' s';
    }
    if (seconds < 90 * 60) {
        return Math.round(seconds / 60) + ' min';
    }
    if (seconds < 72 * 3600) {
        return Math.round(seconds / 3600) + ' h';
    }
    return Math.round(seconds / 86400) + ' d';
}

/** Renders every server-written <time datetime="..."> in local time. */
export function localiseTimes(root = document) {
    root.querySelectorAll('time[datetime]').forEach((el) => {
        if (el.getAttribute('datetime')) {
            el.textContent = localTime(el.getAttribute('datetime'));
        }
    });
}
