// Small DOM helpers the pages share. Text from the outside world (names, reasons, log lines) is always set as text,
// never as HTML.

/** An element with text, a class, a data-field and a column span, each optional. */
export function el(tag, text, {className, field, colSpan, title} = {}) {
    const node = document.createElement(tag);
    if (text !== null && text !== undefined) {
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
    if (title) {
        node.title = title;
    }
    return node;
}

/** A table cell holding an element (a badge, a link, a list). */
export function cell(child, field) {
    const td = document.createElement('td');
    if (field) {
        td.dataset.field = field;
    }
    td.append(child);
    return td;
}

/** The one row of an empty table, saying why it is empty. */
export function emptyRow(text, columns) {
    const tr = document.createElement('tr');
    tr.className = 'empty';
    tr.append(el('td', text, {colSpan: columns}));
    return tr;
}

/** A number as people read it: a few significant digits, a dash for none. */
export function number(value, digits = 4) {
    if (value === null || value === undefined || Number.isNaN(value)) {
        return '–';
    }
    return Number(value.toPrecision(digits)).toString();
}

/** A verdict's name as words: FALSE_ALARM -> "false alarm". */
export function words(verdict) {
    return verdict ? verdict.toLowerCase().replaceAll('_', ' ') : '';
}
