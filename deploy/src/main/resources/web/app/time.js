// Times as people read them: local date and time, and "12 s ago" for recent events.

export function localTime(iso) {
    return iso ? new Date(iso).toLocaleString() : 'never';
}

export function ago(iso, now = Date.now()) {
    if (!iso) {
        return 'never';
    }
    const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
    if (seconds < 90) {
        return seconds + ' s ago';
    }
    if (seconds < 90 * 60) {
        return Math.round(seconds / 60) + ' min ago';
    }
    if (seconds < 36 * 3600) {
        return Math.round(seconds / 3600) + ' h ago';
    }
    return localTime(iso);
}

/** Renders every server-written <time datetime="..."> in local time. */
export function localiseTimes(root = document) {
    root.querySelectorAll('time[datetime]').forEach((el) => {
        if (el.getAttribute('datetime')) {
            el.textContent = localTime(el.getAttribute('datetime'));
        }
    });
}
