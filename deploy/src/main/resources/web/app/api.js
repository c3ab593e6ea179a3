// Calls to Vigil's REST API with the console's session: the same endpoints scripts use with an API key. Requests
// that change something carry the user's CSRF token, which the page was rendered with.

function csrfToken() {
    const meta = document.querySelector('meta[name="vigil-csrf"]');
    return meta ? meta.content : '';
}

/** Sends a request; resolves to the parsed JSON answer, or rejects with the API's reason (and the status). */
export async function call(method, url, body) {
    const headers = {'Accept': 'application/json', 'X-Vigil-Csrf': csrfToken()};
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(url, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
    if (response.status === 401) {
        window.location.href = '/console/login';
    }
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
        const error = new Error(answer.reason || response.status + ' ' + response.statusText);
        error.status = response.status;
        throw error;
    }
    return answer;
}
