// The sources page: the table and the rate chart follow /api/sources/stream.
import {chart as newChart} from './charts.js';
import {cell, el, emptyRow} from './dom.js';
import {live} from './live.js';
import {ago} from './time.js';

const STATES = {live: 'live', polling: 'updating every 2 s', reconnecting: 'reconnecting…', offline: 'offline'};

export function sourcesPage() {
    const chart = newChart(document.getElementById('rate-chart'), 'rates');
    chart.setOption({
        tooltip: {trigger: 'axis'},
        legend: {top: 0},
        grid: {left: 48, right: 16, top: 32, bottom: 28},
        xAxis: {type: 'time'},
        yAxis: {type: 'value', name: 'events/s', minInterval: 1},
        series: [],
    });
    const status = document.getElementById('live-status');
    live('/api/sources', (sources) => {
        renderTable(sources);
        chart.setOption({
            series: sources.map((s) => ({
                name: s.source, type: 'line', showSymbol: false,
                data: s.rateHistory.map((p) => [p.at, p.perSecond]),
            })),
        }, {replaceMerge: ['series']});
    }, (state) => {
        status.dataset.state = state;
        status.textContent = STATES[state];
    });
}

function renderTable(sources) {
    const body = document.querySelector('#sources tbody');
    body.replaceChildren(...(sources.length ? sources.map(row) : [emptyRow('No source has sent anything yet.', 7)]));
}

function row(s) {
    const tr = document.createElement('tr');
    tr.dataset.source = s.source;
    tr.className = s.quiet ? 'is-quiet' : '';
    const badge = el('span', s.quiet ? 'quiet' : 'active', {className: 'badge ' + (s.quiet ? 'quiet' : 'active'), field: 'status'});
    const reasons = el('ul', null, {className: 'reasons'});
    s.recentDeadLetters.forEach((d) => reasons.append(el('li', `${ago(d.at)} ${d.origin}: ${d.reason}`)));
    tr.append(
        el('td', s.source, {className: 'name'}),
        cell(badge),
        el('td', s.eventsPerSecond.toFixed(1), {className: 'num', field: 'rate'}),
        el('td', String(s.events), {className: 'num', field: 'events'}),
        el('td', ago(s.lastEventAt), {field: 'last'}),
        el('td', String(s.deadLetters), {className: 'num', field: 'deadLetters'}),
        cell(reasons, 'reasons'),
    );
    return tr;
}
