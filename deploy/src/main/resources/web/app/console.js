// The console's one script: each page names itself in <body data-page="...">.
import {localiseTimes} from './time.js';
import {alertsPage} from './alerts.js';
import {alertPage} from './alert.js';
import {detectorsPage} from './detectors.js';
import {sourcesPage} from './sources.js';
import {silencesPage} from './silences.js';

const PAGES = {alerts: alertsPage, alert: alertPage, detectors: detectorsPage, sources: sourcesPage,
    silences: silencesPage};

document.addEventListener('DOMContentLoaded', () => {
    localiseTimes();
    const page = PAGES[document.body.dataset.page];
    if (page) {
        page();
    }
});
