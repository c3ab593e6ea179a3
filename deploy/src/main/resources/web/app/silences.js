// The silences page: create and expire through /api/silences, then show the list as the server has it.
import {call} from './api.js';

const UNIT_MS = {m: 60_000, h: 3_600_000, d: 86_400_000};

export function silencesPage() {
    const form = document.getElementById('silence-form');
    const duration = document.getElementById('silence-duration');
    selectDuration(duration, duration.dataset.initial);
    const error = document.getElementById('silence-error');
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        error.hidden = true;
        const matchers = document.getElementById('silence-matchers').value
            .split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
        const body = {
            matchers,
            comment: document.getElementById('silence-comment').value,
            endsAt: new Date(Date.now() + millis(duration.value)).toISOString(),
        };
        try {
            await call('POST', '/api/silences', body);
            window.location.href = '/console/silences'; // without the prefill
        } catch (e) {
            error.textContent = e.message;
            error.hidden = false;
        }
    });
    document.querySelectorAll('button.expire').forEach((button) => button.addEventListener('click', async () => {
        try {
            await call('DELETE', '/api/silences/' + encodeURIComponent(button.dataset.id));
            window.location.reload();
        } catch (e) {
            error.textContent = e.message;
            error.hidden = false;
        }
    }));
}

/** Chooses the prefilled duration, adding it to the list when it is not one of the usual ones. */
function selectDuration(select, value) {
    if (!/^\d+[mhd]$/.test(value || '')) {
        return;
    }
    if (![...select.options].some((o) => o.value === value)) {
        select.add(new Option(value, value));
    }
    select.value = value;
}

function millis(text) {
    const match = /^(\d+)([mhd])$/.exec(text);
    return Number(match[1]) * UNIT_MS[match[2]];
}
