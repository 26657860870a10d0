// The operations page: plain JavaScript, no build. Every value from the engine is written as text (textContent),
// never as markup, and the page's Content-Security-Policy allows no inline script: names typed by customers cannot
// run code here. Live updates come from the engine's Server-Sent Events streams; where a stream is refused (not
// there yet, or not allowed for this key) the section polls its list every 2 seconds instead.
'use strict';

(function () {
    const KEY_STORAGE = 'booking-engine.ops.api-key';
    const POLL_MILLIS = 2000;
    const SETTLE_MILLIS = 500;
    const PROCESSORS_MILLIS = 3000;
    const SERVICES_MILLIS = 15000;
    const DAY_MILLIS = 24 * 60 * 60 * 1000;
    const UPCOMING_DAYS = 14;
    const WEEK_DAYS = 7;
    const PAGE_SIZE = 100;
    const STATUSES = ['PENDING', 'PENDING_CHECKOUT', 'CONFIRMED', 'CANCELED', 'DECLINED'];
    const STATUS_NAMES = {
        PENDING: 'Pending', PENDING_CHECKOUT: 'Pending checkout', CONFIRMED: 'Confirmed',
        CANCELED: 'Canceled', DECLINED: 'Declined'
    };

    const $ = (id) => document.getElementById(id);

    /** Everything the page knows; rebuilt from scratch whenever a key is entered. */
    let state = null;

    class KeyRefused extends Error {
    }

    class Refused extends Error {
        constructor(status, detail) {
            super(detail);
            this.status = status;
        }
    }

    // ---- the key ------------------------------------------------------------------------------------------------

    function storedKey() {
        try {
            return sessionStorage.getItem(KEY_STORAGE);
        } catch (e) {
            return null;
        }
    }

    function showKeyForm(message) {
        stop();
        try {
            sessionStorage.removeItem(KEY_STORAGE);
        } catch (e) {
            // nothing kept, nothing to forget
        }
        $('dashboard').hidden = true;
        $('key-status').hidden = true;
        $('key-panel').hidden = false;
        $('key-error').textContent = message || '';
        $('api-key').value = '';
        $('api-key').focus();
    }

    async function useKey(key) {
        $('key-error').textContent = '';
        try {
            // Any known key may read the catalogue: this says whether the engine knows the key at all.
            await api(key, '/api/v1/services');
        } catch (e) {
            showKeyForm(e instanceof KeyRefused ? 'The engine does not know this key.'
                : 'The engine did not answer: ' + e.message);
            return;
        }
        try {
            sessionStorage.setItem(KEY_STORAGE, key);
        } catch (e) {
            // private modes may refuse storage: the page still works until it is reloaded
        }
        $('key-panel').hidden = true;
        $('key-status').hidden = false;
        $('dashboard').hidden = false;
        start(key);
    }

    // ---- talking to the engine -----------------------------------------------------------------------------------

    function query(params) {
        const defined = Object.entries(params || {}).filter(([, value]) => value !== undefined && value !== '');
        return defined.length ? '?' + new URLSearchParams(defined).toString() : '';
    }

    async function api(key, path, params) {
        const response = await fetch(path + query(params), {
            headers: {Authorization: 'Bearer ' + key, Accept: 'application/json'},
            cache: 'no-store'
        });
        if (response.status === 401) {
            throw new KeyRefused('unknown key');
        }
        if (!response.ok) {
            let detail = response.statusText || String(response.status);
            try {
                detail = (await response.json()).detail || detail;
            } catch (e) {
                // not a problem document: keep the status text
            }
            throw new Refused(response.status, detail);
        }
        return response.json();
    }

    /**
     * Keeps one section up to date: the engine's stream when it answers, else polling every 2 seconds. A browser's
     * EventSource cannot send an Authorization header, so the key goes as access_token; a stream that is refused
     * (404 before the streams exist, 401/403) closes for good, and the section polls instead.
     *
     * The list is read when the feed starts and whenever the stream (re)opens, and again shortly after changes
     * arrive. {@code load(current)} reads it and applies the answer only while {@code current()} holds: an answer
     * read before a change the stream has already shown would take that change back, so it is dropped, and the
     * read that follows the change brings the list up to date.
     */
    function liveFeed(key, indicator, streamPath, params, eventName, onEvent, load) {
        let source = null;
        let timer = null;
        let settle = null;
        let stopped = false;
        let changes = 0;

        function reload() {
            const seen = changes;
            return load(() => !stopped && changes === seen);
        }

        function show(mode, text) {
            indicator.className = 'feed ' + mode;
            indicator.textContent = text;
        }

        function poll() {
            if (stopped || timer) {
                return;
            }
            show('polling', 'polling every 2 s');
            timer = setInterval(reload, POLL_MILLIS);
            reload();
        }

        if (typeof EventSource === 'undefined') {
            poll();
        } else {
            show('connecting', 'connecting…');
            reload(); // the list as it is now, whatever the stream does
            source = new EventSource(streamPath + query(Object.assign({}, params, {access_token: key})));
            source.addEventListener('open', () => {
                show('live', 'live');
                // What changed before the stream opened (or while it reconnected) is in the list, not the stream.
                reload();
            });
            source.addEventListener(eventName, (event) => {
                let data;
                try {
                    data = JSON.parse(event.data);
                } catch (e) {
                    return; // not ours to guess at
                }
                changes += 1;
                onEvent(data);
                clearTimeout(settle);
                settle = setTimeout(reload, SETTLE_MILLIS);
            });
            source.addEventListener('error', () => {
                if (stopped) {
                    return;
                }
                if (source.readyState === EventSource.CLOSED) {
                    source.close();
                    source = null;
                    poll();
                } else {
                    show('connecting', 'reconnecting…');
                }
            });
        }
        return {
            stop() {
                stopped = true;
                if (source) {
                    source.close();
                }
                clearInterval(timer);
                clearTimeout(settle);
            }
        };
    }

    // ---- the dashboard -------------------------------------------------------------------------------------------

    function startOfToday() {
        const now = new Date();
        return new Date(now.getFullYear(), now.getMonth(), now.getDate());
    }

    function start(key) {
        stop();
        const today = startOfToday();
        state = {
            key: key,
            services: [],
            bookings: {
                from: today, to: new Date(today.getTime() + UPCOMING_DAYS * DAY_MILLIS), page: 0, total: 0,
                serviceId: '', items: new Map(), feed: null
            },
            availability: {
                from: today, to: new Date(today.getTime() + WEEK_DAYS * DAY_MILLIS), serviceId: '',
                slots: new Map(), feed: null
            },
            timers: [],
            feedsOpen: false
        };
        $('bookings-range').textContent = 'from ' + formatDay(state.bookings.from) + ' to '
            + formatDay(new Date(state.bookings.to.getTime() - 1)) + ', by status';
        const current = state;
        loadServices().then(() => {
            if (state !== current) {
                return;
            }
            state.feedsOpen = true;
            openBookings();
            openAvailability();
        });
        state.timers.push(setInterval(loadServices, SERVICES_MILLIS));
        state.processorsTimer = setInterval(loadProcessors, PROCESSORS_MILLIS);
        state.timers.push(state.processorsTimer);
        loadProcessors();
    }

    function stop() {
        if (!state) {
            return;
        }
        state.timers.forEach(clearInterval);
        if (state.bookings.feed) {
            state.bookings.feed.stop();
        }
        if (state.availability.feed) {
            state.availability.feed.stop();
        }
        state = null;
    }

    /** Runs a call for the current key; a refused key sends the user back to the key form. */
    function call(path, params) {
        const current = state;
        return api(current.key, path, params).then((body) => {
            if (state !== current) {
                throw new Refused(0, 'superseded'); // the key changed meanwhile: drop the answer
            }
            return body;
        }, (e) => {
            if (e instanceof KeyRefused && state === current) {
                showKeyForm('The engine no longer accepts this key.');
            }
            throw e;
        });
    }

    function note(id, text) {
        $(id).textContent = text || '';
        $(id).hidden = !text;
    }

    function refusalNote(e, role) {
        if (e.status === 403) {
            return 'This key may not read this: it needs the ' + role + ' role.';
        }
        return 'Could not load: ' + e.message;
    }

    // ---- services --------------------------------------------------------------------------------------------------

    async function loadServices() {
        let list;
        try {
            list = await call('/api/v1/services');
        } catch (e) {
            if (!(e instanceof KeyRefused) && state) {
                note('availability-note', 'Could not load the services: ' + e.message);
            }
            return;
        }
        const services = (list.items || []).slice().sort((a, b) => a.name.localeCompare(b.name)
            || a.serviceId.localeCompare(b.serviceId));
        const names = (all) => all.map((s) => s.serviceId + '\n' + s.name).join('\n');
        const changed = names(services) !== names(state.services);
        state.services = services;
        if (changed) {
            // Only when the catalogue changed: rebuilding a list the user has open would close it.
            fillServiceSelect($('bookings-service'), true, state.bookings.serviceId);
            fillServiceSelect($('availability-service'), false, state.availability.serviceId);
        }
        if (!state.availability.serviceId && state.services.length) {
            state.availability.serviceId = state.services[0].serviceId;
            $('availability-service').value = state.availability.serviceId;
            if (state.feedsOpen) {
                openAvailability();
            }
        }
        if (!state.services.length) {
            note('availability-note', 'No services in the catalogue yet.');
        }
    }

    function fillServiceSelect(select, withAll, selected) {
        const options = [];
        if (withAll) {
            options.push(option('', 'All services'));
        }
        state.services.forEach((service) => options.push(option(service.serviceId,
            service.name + ' (' + service.serviceId + ')')));
        select.replaceChildren(...options);
        select.value = selected || '';
    }

    function option(value, text) {
        const element = document.createElement('option');
        element.value = value;
        element.textContent = text;
        return element;
    }

    function service(serviceId) {
        return state && state.services.find((s) => s.serviceId === serviceId);
    }

    function zoneOf(serviceId) {
        const known = service(serviceId);
        return known && known.timeZone ? known.timeZone : undefined;
    }

    // ---- bookings --------------------------------------------------------------------------------------------------

    function openBookings() {
        const bookings = state.bookings;
        if (bookings.feed) {
            bookings.feed.stop();
        }
        bookings.items = new Map();
        bookings.feed = liveFeed(state.key, $('bookings-feed'), '/api/v1/stream/bookings', bookingParams(false),
            'booking', onBookingChanged, loadBookings);
    }

    function bookingParams(paged) {
        const bookings = state.bookings;
        const params = {serviceId: bookings.serviceId, from: bookings.from.toISOString(), to: bookings.to.toISOString()};
        if (paged) {
            Object.assign(params, {page: bookings.page, size: PAGE_SIZE, sort: 'start,asc'});
        }
        return params;
    }

    async function loadBookings(current) {
        if (!state) {
            return;
        }
        const bookings = state.bookings;
        let page;
        try {
            page = await call('/api/v1/bookings', bookingParams(true));
        } catch (e) {
            if (e.status) {
                note('bookings-note', refusalNote(e, 'OWNER or AUDITOR'));
                bookings.items = new Map();
                bookings.total = 0;
                renderBookings();
            }
            if (e.status === 403 && bookings.feed) {
                bookings.feed.stop(); // this key will not gain the role: asking every 2 s would only fill the log
                $('bookings-feed').textContent = '';
            }
            return;
        }
        if (page.page !== bookings.page || (current && !current())) {
            return; // the user paged on meanwhile, or the stream showed a newer change (see liveFeed)
        }
        note('bookings-note', '');
        bookings.items = new Map(page.items.map((b) => [b.bookingId, b]));
        bookings.total = page.total;
        renderBookings();
    }

    function onBookingChanged(booking) {
        if (!state || !booking || !booking.bookingId) {
            return;
        }
        const bookings = state.bookings;
        if (bookings.page > 0) {
            loadBookings(); // where a change lands on a later page depends on all before it: ask the engine
            return;
        }
        const known = bookings.items.get(booking.bookingId);
        if (known && known.revision > booking.revision) {
            return; // an older change than the one shown
        }
        const start = new Date(booking.start);
        const matches = start >= bookings.from && start < bookings.to
            && (!bookings.serviceId || booking.serviceId === bookings.serviceId);
        if (known && !matches) {
            bookings.items.delete(booking.bookingId);
            bookings.total = Math.max(0, bookings.total - 1);
        } else if (matches) {
            if (!known) {
                bookings.total += 1;
            }
            bookings.items.set(booking.bookingId, booking);
        }
        renderBookings(booking.bookingId);
    }

    function renderBookings(changedId) {
        const bookings = state.bookings;
        const items = Array.from(bookings.items.values()).sort((a, b) => a.start.localeCompare(b.start)
            || a.bookingId.localeCompare(b.bookingId));
        const pages = Math.max(1, Math.ceil(bookings.total / PAGE_SIZE));
        $('bookings-page').textContent = 'page ' + (bookings.page + 1) + ' of ' + pages + ' · '
            + bookings.total + ' booking' + (bookings.total === 1 ? '' : 's');
        $('bookings-previous').disabled = bookings.page === 0;
        $('bookings-next').disabled = bookings.page + 1 >= pages;

        const summary = STATUSES.map((status) => {
            const count = items.filter((b) => b.status === status).length;
            const chip = document.createElement('span');
            chip.className = 'chip status-' + status;
            chip.dataset.status = status;
            chip.textContent = STATUS_NAMES[status] + ' ' + count;
            return chip;
        });
        $('bookings-summary').replaceChildren(...summary);

        const todayEnd = new Date(startOfToday().getTime() + DAY_MILLIS);
        const groups = STATUSES.map((status) => {
            const rows = items.filter((b) => b.status === status);
            const group = document.createElement('section');
            group.className = 'group status-' + status;
            group.dataset.status = status;
            const heading = document.createElement('h3');
            heading.textContent = STATUS_NAMES[status] + ' (' + rows.length + ')';
            group.append(heading);
            if (!rows.length) {
                const empty = document.createElement('p');
                empty.className = 'muted';
                empty.textContent = 'none';
                group.append(empty);
                return group;
            }
            const table = document.createElement('table');
            const head = document.createElement('tr');
            ['When', 'Service', 'Contact', 'Seats', 'Payment', 'Booking'].forEach((name) => {
                const th = document.createElement('th');
                th.textContent = name;
                head.append(th);
            });
            const thead = document.createElement('thead');
            thead.append(head);
            const tbody = document.createElement('tbody');
            rows.forEach((b) => tbody.append(bookingRow(b, new Date(b.start) < todayEnd, b.bookingId === changedId)));
            table.append(thead, tbody);
            group.append(table);
            return group;
        });
        $('bookings-groups').replaceChildren(...groups);
    }

    function bookingRow(b, today, changed) {
        const row = document.createElement('tr');
        row.className = 'booking' + (today ? ' today' : '') + (changed ? ' changed' : '');
        row.dataset.bookingId = b.bookingId;
        row.dataset.status = b.status;
        const contact = b.contact || {};
        const payment = b.payment || {};
        const price = payment.finalPrice ? payment.finalPrice.amount + ' ' + payment.finalPrice.currency : '';
        const cells = [
            (today ? 'Today ' + formatTime(b.start, zoneOf(b.serviceId)) : formatWhen(b.start, zoneOf(b.serviceId))),
            b.serviceName || b.serviceId,
            [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.contactId || '',
            String(b.participants) + (b.waitlisted ? ' (waitlist)' : ''),
            [b.paymentStatus, payment.option, price].filter(Boolean).join(' · '),
            b.bookingId
        ];
        cells.forEach((text, i) => {
            const cell = document.createElement('td');
            cell.textContent = text;
            if (i === 5) {
                cell.className = 'id';
            }
            row.append(cell);
        });
        return row;
    }

    // ---- availability ----------------------------------------------------------------------------------------------

    function openAvailability() {
        const availability = state.availability;
        if (availability.feed) {
            availability.feed.stop();
            availability.feed = null;
        }
        availability.slots = new Map();
        renderAvailability();
        const serviceId = availability.serviceId;
        if (!serviceId) {
            return;
        }
        const params = {serviceId: serviceId, from: availability.from.toISOString(), to: availability.to.toISOString()};
        availability.feed = liveFeed(state.key, $('availability-feed'), '/api/v1/stream/availability', params,
            'slots', onSlotsChanged, loadAvailability);
    }

    function slotKey(slot) {
        return (slot.sessionId || '') + '|' + slot.start + '|' + slot.end;
    }

    async function loadAvailability(current) {
        if (!state || !state.availability.serviceId) {
            return;
        }
        const availability = state.availability;
        const serviceId = availability.serviceId;
        let answer;
        try {
            answer = await call('/api/v1/availability', {
                serviceId: serviceId, from: availability.from.toISOString(), to: availability.to.toISOString()
            });
        } catch (e) {
            if (e.status) {
                note('availability-note', refusalNote(e, 'a known key\'s'));
            }
            return;
        }
        if (availability.serviceId !== serviceId || (current && !current())) {
            return;
        }
        note('availability-note', '');
        availability.slots = new Map((answer.slots || []).map((slot) => [slotKey(slot), slot]));
        renderAvailability();
    }

    function onSlotsChanged(data) {
        if (!state) {
            return;
        }
        const slots = Array.isArray(data) ? data : (data && Array.isArray(data.slots) ? data.slots : []);
        const availability = state.availability;
        const changed = new Set();
        slots.forEach((slot) => {
            if (slot && slot.start && (!slot.serviceId || slot.serviceId === availability.serviceId)) {
                availability.slots.set(slotKey(slot), slot);
                changed.add(slotKey(slot));
            }
        });
        renderAvailability(changed);
    }

    function renderAvailability(changed) {
        const availability = state.availability;
        const zone = zoneOf(availability.serviceId);
        $('availability-zone').textContent = zone ? 'times in ' + zone : '';
        const days = [];
        for (let i = 0; i < WEEK_DAYS; i++) {
            const day = new Date(availability.from.getTime() + i * DAY_MILLIS);
            days.push({key: dayKey(day, zone), label: formatDay(day, zone), slots: []});
        }
        const byDay = new Map(days.map((day) => [day.key, day]));
        Array.from(availability.slots.values())
            .sort((a, b) => a.start.localeCompare(b.start))
            .forEach((slot) => {
                const day = byDay.get(dayKey(new Date(slot.start), zone));
                if (day) {
                    day.slots.push(slot);
                }
            });
        const columns = days.map((day) => {
            const column = document.createElement('div');
            column.className = 'day';
            const heading = document.createElement('h3');
            heading.textContent = day.label;
            column.append(heading);
            if (!day.slots.length) {
                const empty = document.createElement('p');
                empty.className = 'muted';
                empty.textContent = 'no slots';
                column.append(empty);
            }
            day.slots.forEach((slot) => column.append(slotCell(slot, zone, changed && changed.has(slotKey(slot)))));
            return column;
        });
        $('availability-grid').replaceChildren(...columns);
    }

    function slotCell(slot, zone, changed) {
        const cell = document.createElement('div');
        const full = slot.openSpots <= 0;
        const low = !full && slot.openSpots * 4 <= slot.totalSpots;
        cell.className = 'slot ' + (full ? 'full' : low ? 'low' : 'open') + (slot.bookable ? '' : ' closed')
            + (changed ? ' changed' : '');
        cell.dataset.sessionId = slot.sessionId || '';
        cell.dataset.start = slot.start;
        cell.dataset.openSpots = String(slot.openSpots);
        const time = document.createElement('span');
        time.className = 'time';
        time.textContent = formatTime(slot.start, zone) + '–' + formatTime(slot.end, zone);
        const spots = document.createElement('span');
        spots.className = 'spots';
        spots.textContent = slot.openSpots + '/' + slot.totalSpots + ' open'
            + (slot.waitlistOpenSpots > 0 && full ? ' · waitlist ' + slot.waitlistOpenSpots : '');
        cell.append(time, spots);
        if (!slot.bookable) {
            cell.title = 'Not bookable now';
        }
        return cell;
    }

    // ---- processors ------------------------------------------------------------------------------------------------

    async function loadProcessors() {
        if (!state) {
            return;
        }
        const indicator = $('processors-feed');
        let answer;
        try {
            answer = await call('/api/v1/admin/processors');
        } catch (e) {
            if (e.status === 403) {
                clearInterval(state.processorsTimer); // this key will not gain the role
                note('processors-note', 'Processor positions and lag are for operators: this key has no OPERATOR '
                    + 'role. Open the page with an operator key (dev-operator in the embedded default) to see them.');
                $('processors-table').hidden = true;
                indicator.className = 'feed';
                indicator.textContent = '';
            } else if (e.status) {
                note('processors-note', 'Could not load the processors: ' + e.message);
            }
            return;
        }
        note('processors-note', '');
        indicator.className = 'feed polling';
        indicator.textContent = 'every ' + PROCESSORS_MILLIS / 1000 + ' s';
        const rows = (answer.processors || []).map((p) => {
            const row = document.createElement('tr');
            row.dataset.processor = p.name;
            const stateText = p.error ? 'error' : p.replaying ? 'replaying' : p.running ? 'running' : 'stopped';
            row.className = 'processor ' + stateText;
            [p.name, stateText + (p.replayFailure ? ': ' + p.replayFailure : ''), number(p.position), number(p.lag),
                number(p.deadLetters)].forEach((text, i) => {
                const cell = document.createElement('td');
                cell.textContent = text;
                if (i >= 2) {
                    cell.className = 'number';
                }
                row.append(cell);
            });
            return row;
        });
        const table = $('processors-table');
        table.tBodies[0].replaceChildren(...rows);
        table.hidden = false;
    }

    function number(value) {
        return value === null || value === undefined ? '–' : Number(value).toLocaleString();
    }

    // ---- dates -----------------------------------------------------------------------------------------------------

    function format(options, value, zone) {
        try {
            return new Intl.DateTimeFormat(undefined, Object.assign({timeZone: zone}, options)).format(value);
        } catch (e) {
            return new Intl.DateTimeFormat(undefined, options).format(value); // an unknown zone: the browser's
        }
    }

    function formatDay(date, zone) {
        return format({weekday: 'short', day: 'numeric', month: 'short'}, date, zone);
    }

    function formatTime(instant, zone) {
        return format({hour: '2-digit', minute: '2-digit', hourCycle: 'h23'}, new Date(instant), zone);
    }

    function formatWhen(instant, zone) {
        return format({weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit',
            hourCycle: 'h23'}, new Date(instant), zone);
    }

    function dayKey(date, zone) {
        return format({year: 'numeric', month: '2-digit', day: '2-digit'}, date, zone);
    }

    // ---- wiring ----------------------------------------------------------------------------------------------------

    document.addEventListener('DOMContentLoaded', () => {
        $('key-form').addEventListener('submit', (event) => {
            event.preventDefault();
            const key = $('api-key').value.trim();
            if (key) {
                useKey(key);
            }
        });
        $('change-key').addEventListener('click', () => showKeyForm(''));
        $('bookings-service').addEventListener('change', (event) => {
            state.bookings.serviceId = event.target.value;
            state.bookings.page = 0;
            openBookings();
        });
        $('bookings-previous').addEventListener('click', () => {
            state.bookings.page = Math.max(0, state.bookings.page - 1);
            loadBookings();
        });
        $('bookings-next').addEventListener('click', () => {
            state.bookings.page += 1;
            loadBookings();
        });
        $('availability-service').addEventListener('change', (event) => {
            state.availability.serviceId = event.target.value;
            openAvailability();
        });
        const key = storedKey();
        if (key) {
            useKey(key);
        } else {
            showKeyForm('');
        }
    });
})();
