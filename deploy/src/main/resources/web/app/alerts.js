// The alerts page: the ranked list follows /api/alerts/ranked/stream with the page's filters; changing a filter asks
// for the new list at once (and keeps the filters in the address, so the view can be linked).
import {cell, el, emptyRow, words} from './dom.js';
import {live} from './live.js';
import {ago, since} from './time.js';

const STATES = {live: 'live', polling: 'updating every 2 s', reconnecting: 'reconnecting…', offline: 'offline',
    refused: 'not updating'};
const AGES_EVERY_MS = 10_000;

export function alertsPage() {
    const severity = document.getElementById('filter-severity');
    severity.value = severity.dataset.initial || '';
    const source = document.getElementById('filter-source');
    const label = document.getElementById('filter-label');
    const status = document.getElementById('live-status');
    const error = document.getElementById('filter-error');
    let latest = null;
    let updates = null;

    const follow = () => {
        if (updates) {
            updates.close();
        }
        const query = new URLSearchParams();
        [['severity', severity.value], ['source', source.value.trim()], ['label', label.value.trim()]]
            .filter(([, value]) => value).forEach(([name, value]) => query.append(name, value));
        const asked = query.toString();
        history.replaceState(null, '', '/console/alerts' + (asked ? '?' + asked : ''));
        error.hidden = true;
        updates = live('/api/alerts/ranked', (alerts) => {
            latest = alerts;
            render(alerts);
        }, (state, reason) => {
            status.dataset.state = state;
            status.textContent = STATES[state];
            if (reason) {
                error.textContent = reason;
                error.hidden = false;
            }
        }, asked);
    };
    severity.addEventListener('change', follow);
    let typing = null;
    [source, label].forEach((input) => input.addEventListener('input', () => {
        clearTimeout(typing);
        typing = setTimeout(follow, 400);
    }));
    document.getElementById('alert-filters').addEventListener('submit', (event) => {
        event.preventDefault();
        follow();
    });
    setInterval(() => latest && render(latest), AGES_EVERY_MS);
    follow();
}

function render(alerts) {
    const body = document.querySelector('#alerts tbody');
    body.replaceChildren(...(alerts.length ? alerts.map(row)
        : [emptyRow('No alert is firing or resolved in the last 24 hours with these filters.', 9)]));
}

function row(a) {
    const tr = document.createElement('tr');
    tr.dataset.alert = a.id;
    tr.className = a.status === 'FIRING' ? 'is-firing' : 'is-resolved';
    const link = el('a', a.entity);
    link.href = '/console/alerts/' + encodeURIComponent(a.id);
    const age = a.status === 'FIRING' ? 'for ' + since(a.startsAt) : 'ended ' + ago(a.endsAt);
    tr.append(
        cell(el('span', a.severity, {className: 'badge sev-' + a.severity}), 'severity'),
        el('td', a.status === 'FIRING' ? 'firing' : 'resolved', {field: 'status'}),
        el('td', age, {field: 'age', title: new Date(a.startsAt).toLocaleString()}),
        cell(link, 'entity'),
        el('td', a.source, {field: 'source'}),
        el('td', a.detector, {field: 'detector'}),
        el('td', a.why, {field: 'why', className: 'why'}),
        el('td', a.score.toFixed(2), {className: 'num', field: 'score'}),
        el('td', a.feedback ? `${words(a.feedback.verdict)} (${a.feedback.actor})` : '–', {field: 'feedback'}),
    );
    return tr;
}
