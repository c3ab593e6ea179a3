// The console's one script: each page names itself in <body data-page="...">.
import {localiseTimes} from './time.js';
import {sourcesPage} from './sources.js';
import {silencesPage} from './silences.js';

const PAGES = {sources: sourcesPage, silences: silencesPage};

document.addEventListener('DOMContentLoaded', () => {
    localiseTimes();
    const page = PAGES[document.body.dataset.page];
    if (page) {
        page();
    }
});
