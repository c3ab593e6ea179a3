// The detectors page: /api/report as a table, and per detector its alerts per day against its budget and its
// threshold over the period as charts.
import {call} from './api.js';
import {chart as newChart} from './charts.js';
import {cell, el, emptyRow, number} from './dom.js';
import {localTime} from './time.js';

export function detectorsPage() {
    const days = document.getElementById('days');
    const load = () => show(days.value);
    days.addEventListener('change', load);
    load();
}

async function show(days) {
    const error = document.getElementById('report-error');
    error.hidden = true;
    let report;
    try {
        report = await call('GET', '/api/report?days=' + encodeURIComponent(days));
    } catch (e) {
        error.textContent = e.message;
        error.hidden = false;
        return;
    }
    document.getElementById('report-generated').textContent =
        `${localTime(report.from)} to ${localTime(report.to)}, as of ${localTime(report.generatedAt)}`;
    const body = document.querySelector('#detectors tbody');
    body.replaceChildren(...(report.detectors.length ? report.detectors.map(row) : [emptyRow('No detectors.', 9)]));
    const charts = document.getElementById('detector-charts');
    charts.replaceChildren(...report.detectors.map(card));
    report.detectors.forEach((d) => {
        newChart(document.getElementById('per-day-' + d.detector), 'perDay:' + d.detector).setOption(perDay(d));
        newChart(document.getElementById('threshold-' + d.detector), 'threshold:' + d.detector)
            .setOption(thresholdOverTime(d, report));
    });
}

function row(d) {
    const tr = document.createElement('tr');
    tr.dataset.detector = d.detector;
    const kept = d.withinBudget === null ? el('span', 'no budget', {className: 'hint'})
        : el('span', d.withinBudget ? 'within' : 'over', {className: 'badge ' + (d.withinBudget ? 'active' : 'quiet')});
    const f = d.feedback;
    const threshold = d.threshold ? '×' + number(d.threshold.factor, 3) + (d.threshold.pinned ? ' (pinned)' : '') : '–';
    tr.append(
        el('td', d.detector, {className: 'name'}),
        el('td', String(d.alerts), {className: 'num', field: 'alerts'}),
        el('td', number(d.alertsPerDay, 3), {className: 'num', field: 'alertsPerDay'}),
        el('td', d.budget ? number(d.budget.alertsPerDay, 3) : '–', {className: 'num', field: 'budget'}),
        cell(kept, 'withinBudget'),
        el('td', d.precision === null ? '–' : percent(d.precision), {className: 'num', field: 'precision'}),
        el('td', d.recall.value === null ? '–' : percent(d.recall.value), {className: 'num', field: 'recall',
            title: `${d.recall.alertingNow} of ${d.recall.replayed} replayed confirmed incidents alert now`}),
        el('td', `${f.answered} answered: ${f.trueIncident} true, ${f.falseAlarm} false, ${f.expected} expected, `
            + `${f.newNormal} new normal; ${f.unanswered} open`, {field: 'feedback'}),
        el('td', threshold, {className: 'num', field: 'threshold', title: d.threshold ? d.threshold.reason || '' : ''}),
    );
    return tr;
}

function card(d) {
    const box = el('section', null, {className: 'card detector-card'});
    box.dataset.detector = d.detector;
    box.append(el('h2', d.detector));
    const perDayBox = el('div', null, {className: 'chart small'});
    perDayBox.id = 'per-day-' + d.detector;
    const thresholdBox = el('div', null, {className: 'chart small'});
    thresholdBox.id = 'threshold-' + d.detector;
    const changes = el('ul', null, {className: 'changes'});
    d.thresholdHistory.forEach((c) => changes.append(el('li', `${localTime(c.at)}: ×${number(c.from, 3)} → `
        + `×${number(c.to, 3)}${c.entity ? ' for ' + c.entity : ''}${c.pinned ? ' (pinned)' : ''} by ${c.by}: ${c.reason}`)));
    if (!d.thresholdHistory.length) {
        changes.append(el('li', 'The threshold did not change in this period.', {className: 'hint'}));
    }
    box.append(el('div', null, {className: 'pair'}), changes);
    box.querySelector('.pair').append(perDayBox, thresholdBox);
    return box;
}

function perDay(d) {
    const budget = d.budget ? d.budget.alertsPerDay : null;
    return {
        animation: false,
        tooltip: {trigger: 'axis'},
        legend: {top: 0, data: budget === null ? ['alerts'] : ['alerts', 'budget']},
        grid: {left: 40, right: 16, top: 32, bottom: 28},
        xAxis: {type: 'category', data: d.perDay.map((day) => day.day)},
        yAxis: {type: 'value', name: 'alerts/day', minInterval: 1},
        series: [
            {name: 'alerts', type: 'bar', color: '#2f5bd3', data: d.perDay.map((day) => day.alerts)},
            ...(budget === null ? [] : [{name: 'budget', type: 'line', step: 'middle', symbol: 'none',
                color: '#a5460b', lineStyle: {type: 'dashed'}, data: d.perDay.map((day) => day.budget)}]),
        ],
    };
}

/**
 * The detector's factor (and each entity's with a factor of its own) as steps over the period: from the value before
 * the period's first change, through every change, to now.
 */
function thresholdOverTime(d, report) {
    const end = report.generatedAt < report.to ? report.generatedAt : report.to;
    const lines = new Map();
    const line = (entity, start) => {
        if (!lines.has(entity)) {
            lines.set(entity, [[report.from, start]]);
        }
        return lines.get(entity);
    };
    d.thresholdHistory.forEach((c) => line(c.entity, c.from).push([c.at, c.to]));
    if (d.threshold) {
        line(null, d.threshold.factor);
        d.threshold.entities.forEach((e) => line(e.entity, e.factor));
    }
    const series = [...lines.entries()].map(([entity, steps]) => ({
        name: entity === null ? d.detector : entity, type: 'line', step: 'end', symbolSize: 5,
        data: [...steps, [end, steps[steps.length - 1][1]]],
    }));
    return {
        animation: false,
        tooltip: {trigger: 'axis'},
        legend: {top: 0, type: 'scroll'},
        grid: {left: 40, right: 16, top: 32, bottom: 28},
        xAxis: {type: 'time', min: report.from, max: end},
        yAxis: {type: 'value', name: 'threshold ×', scale: true},
        series,
    };
}

function percent(value) {
    return Math.round(value * 1000) / 10 + ' %';
}
