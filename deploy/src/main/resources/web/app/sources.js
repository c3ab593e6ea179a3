// The sources page: the table and the rate chart follow /api/sources/stream.
import * as echarts from 'echarts/core';
import {LineChart} from 'echarts/charts';
import {GridComponent, LegendComponent, TooltipComponent} from 'echarts/components';
import {CanvasRenderer} from 'echarts/renderers';
import {live} from './live.js';
import {ago} from './time.js';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const STATES = {live: 'live', polling: 'updating every 2 s', reconnecting: 'reconnecting…', offline: 'offline'};

export function sourcesPage() {
    const chart = echarts.init(document.getElementById('rate-chart'));
    chart.setOption({
        tooltip: {trigger: 'axis'},
        legend: {top: 0},
        grid: {left: 48, right: 16, top: 32, bottom: 28},
        xAxis: {type: 'time'},
        yAxis: {type: 'value', name: 'events/s', minInterval: 1},
        series: [],
    });
    window.addEventListener('resize', () => chart.resize());
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
    body.replaceChildren(...(sources.length ? sources.map(row) : [emptyRow()]));
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

function emptyRow() {
    const tr = document.createElement('tr');
    tr.className = 'empty';
    tr.append(el('td', 'No source has sent anything yet.', {colSpan: 7}));
    return tr;
}

function cell(child, field) {
    const td = document.createElement('td');
    if (field) {
        td.dataset.field = field;
    }
    td.append(child);
    return td;
}

/** An element with text set as text, never as HTML: names and reasons come from the outside world. */
function el(tag, text, {className, field, colSpan} = {}) {
    const node = document.createElement(tag);
    if (text !== null) {
        node.textContent = text;
    }
    if (className) {
        node.className = className;
    }
    if (field) {
        node.dataset.field = field;
    }
    if (colSpan) {
        node.colSpan = colSpan;
    }
    return node;
}
