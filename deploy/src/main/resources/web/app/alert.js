// The alert detail page: the chart of the series around the alert (/api/alerts/{id}/series) and the verdict, answered
// through the same feedback path as Slack and e-mail (POST /api/alerts/{id}/feedback, recorded as the user).
import {call} from './api.js';
import {chart as newChart} from './charts.js';
import {el, number, words} from './dom.js';
import {ago, localTime} from './time.js';

const COLOURS = {observed: '#1d2330', expected: '#2f5bd3', band: 'rgba(47, 91, 211, 0.13)', score: '#a5460b',
    anomalous: '#b3261e', span: 'rgba(179, 38, 30, 0.07)'};

export function alertPage() {
    const id = document.getElementById('alert').dataset.alert;
    drawSeries(id);
    showVerdict(id);
    const error = document.getElementById('verdict-error');
    document.querySelectorAll('button.verdict').forEach((button) => button.addEventListener('click', async () => {
        error.hidden = true;
        setBusy(true);
        try {
            await call('POST', `/api/alerts/${encodeURIComponent(id)}/feedback`, {verdict: button.dataset.verdict});
            await showVerdict(id);
        } catch (e) {
            error.textContent = e.message;
            error.hidden = false;
        } finally {
            setBusy(false);
        }
    }));
}

function setBusy(busy) {
    document.querySelectorAll('button.verdict').forEach((b) => {
        b.disabled = busy;
    });
}

async function showVerdict(id) {
    const verdict = document.getElementById('verdict');
    let feedback;
    try {
        feedback = await call('GET', `/api/alerts/${encodeURIComponent(id)}/feedback`);
    } catch (e) {
        if (e.status !== 404) {
            verdict.textContent = 'The answers cannot be read: ' + e.message;
            return;
        }
        feedback = {current: null, history: [], effects: []};
    }
    const current = feedback.current;
    verdict.dataset.verdict = current ? current.verdict : '';
    verdict.replaceChildren(...(current
        ? [el('strong', capitalised(words(current.verdict))),
            ` by ${current.actor} through ${current.channel}, ${ago(current.at)}`]
        : ['Not answered yet.']));
    document.querySelectorAll('button.verdict').forEach((b) => {
        b.classList.toggle('chosen', current !== null && b.dataset.verdict === current.verdict);
        b.setAttribute('aria-pressed', String(current !== null && b.dataset.verdict === current.verdict));
    });
    document.getElementById('answers').replaceChildren(...feedback.history.map((a) => el('li',
        `${localTime(a.at)}: ${words(a.verdict)} by ${a.actor} (${a.channel})${a.comment ? ': ' + a.comment : ''}`)));
    document.getElementById('effects').replaceChildren(...feedback.effects.map((e) => el('li', e.detail)));
}

function capitalised(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

async function drawSeries(id) {
    const box = document.getElementById('series-chart');
    let series;
    try {
        series = await call('GET', `/api/alerts/${encodeURIComponent(id)}/series`);
    } catch (e) {
        box.hidden = true;
        const none = document.getElementById('series-none');
        none.textContent = 'The series cannot be read: ' + e.message;
        none.hidden = false;
        return;
    }
    const points = series.points;
    if (points.filter((p) => p.observed !== null).length < 2) {
        box.hidden = true;
        document.getElementById('series-none').hidden = false;
        return;
    }
    const chart = newChart(box, 'series');
    chart.setOption(option(series));
    box.dataset.points = String(points.length);
}

function option(series) {
    const points = series.points;
    const at = (p) => p.at;
    const spanEnd = series.endsAt || points[points.length - 1].at;
    const marks = [{xAxis: series.startsAt, label: {formatter: 'start'}}];
    if (series.endsAt) {
        marks.push({xAxis: series.endsAt, label: {formatter: 'end'}});
    }
    return {
        animation: false,
        tooltip: {trigger: 'axis', formatter: (items) => tooltip(points[items[0].dataIndex], series)},
        legend: {top: 0, data: ['observed', 'expected', 'band', 'anomalous', 'score']},
        grid: {left: 64, right: 56, top: 36, bottom: 56},
        dataZoom: [{type: 'inside'}, {type: 'slider', height: 18, bottom: 8}],
        xAxis: {type: 'time'},
        yAxis: [
            {type: 'value', name: series.feature, scale: true},
            {type: 'value', name: 'score', min: 0, max: 1, splitLine: {show: false}},
        ],
        series: [
            {id: 'band-lower', name: 'band', type: 'line', stack: 'band', symbol: 'none', silent: true,
                lineStyle: {opacity: 0}, data: points.map((p) => [at(p), p.lower])},
            {id: 'band', name: 'band', type: 'line', stack: 'band', symbol: 'none', silent: true,
                lineStyle: {opacity: 0}, areaStyle: {color: COLOURS.band}, itemStyle: {color: COLOURS.band},
                data: points.map((p) => [at(p), p.upper === null || p.lower === null ? null : p.upper - p.lower])},
            {id: 'expected', name: 'expected', type: 'line', symbol: 'none', color: COLOURS.expected,
                lineStyle: {type: 'dashed', width: 1.5}, data: points.map((p) => [at(p), p.expected])},
            {id: 'observed', name: 'observed', type: 'line', symbolSize: 4, color: COLOURS.observed,
                data: points.map((p) => [at(p), p.observed]),
                markArea: {silent: true, itemStyle: {color: COLOURS.span},
                    data: [[{name: 'alert', xAxis: series.startsAt}, {xAxis: spanEnd}]]},
                markLine: {silent: true, symbol: 'none', lineStyle: {color: COLOURS.anomalous, type: 'solid'},
                    data: marks}},
            {id: 'anomalous', name: 'anomalous', type: 'scatter', symbolSize: 9, z: 5, color: COLOURS.anomalous,
                data: points.filter((p) => p.anomalous && p.observed !== null).map((p) => [at(p), p.observed])},
            {id: 'score', name: 'score', type: 'line', yAxisIndex: 1, symbol: 'none', color: COLOURS.score,
                lineStyle: {width: 1}, data: points.map((p) => [at(p), p.score]),
                markLine: {silent: true, symbol: 'none', lineStyle: {color: COLOURS.score, type: 'dotted'},
                    label: {formatter: 'threshold', position: 'insideEndTop'},
                    data: [{yAxis: series.scoreThreshold}]}},
        ],
    };
}

function tooltip(p, series) {
    const lines = [localTime(p.at),
        `${series.feature} observed: ${number(p.observed)}`,
        `expected: ${number(p.expected)} (band ${number(p.lower)} – ${number(p.upper)})`,
        `score: ${number(p.score, 3)}${p.anomalous ? ' anomalous' : ''}`];
    if (p.thresholdFactor !== 1) {
        lines.push(`threshold ×${number(p.thresholdFactor, 3)}`);
    }
    const box = document.createElement('div');
    lines.forEach((line, i) => {
        if (i > 0) {
            box.append(document.createElement('br'));
        }
        box.append(line);
    });
    return box.innerHTML;
}
