#!/usr/bin/env python3
# Usage: benchmarks/scripts/availability-query.py seed <url> <class bookings> <appointment bookings>
#        benchmarks/scripts/availability-query.py bench <rounds> <warm-up GETs> <GETs per round> name=<url>=<pid> ...
# Engines: benchmarks/scripts/availability-engine.sh <jar> <database> <port> (docs/BENCHMARKS.md, "Availability query").
"""Seed a class (300 sessions / 30 days, capacity 40) and an appointment service (08-18 every day, 30-min slots),
book some, then time GET /availability for 30 days, alternating between engines; CPU per GET from /proc/<pid>/stat."""
import json, sys, time, uuid, urllib.request, datetime, threading, os, statistics

OWNER = {'Authorization': 'Bearer dev-owner', 'Content-Type': 'application/json'}
BOOKER = {'Authorization': 'Bearer dev-booker', 'Content-Type': 'application/json'}

def call(method, url, body=None, headers=BOOKER):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()

day0 = (datetime.datetime.utcnow() + datetime.timedelta(days=2)).replace(hour=0, minute=0, second=0, microsecond=0)
def iso(t): return t.strftime('%Y-%m-%dT%H:%M:%SZ')
FROM, TO = iso(day0), iso(day0 + datetime.timedelta(days=30))

def seed(base, class_bookings, appt_bookings):
    sessions = []
    for d in range(30):
        for h in range(10):
            s = day0 + datetime.timedelta(days=d, hours=8 + h)
            sessions.append({'sessionId': f'c-{d}-{h}', 'start': iso(s), 'end': iso(s + datetime.timedelta(minutes=50))})
    st, b = call('POST', base + '/api/v1/services', {'serviceId': 'cls', 'name': 'Class', 'type': 'CLASS',
        'timeZone': 'UTC', 'price': {'amount': '10.00', 'currency': 'EUR'}, 'paymentOptions': ['IN_PERSON'],
        'capacity': 40, 'sessions': sessions}, OWNER)
    assert st in (201, 409), (st, b)
    days = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']
    st, b = call('POST', base + '/api/v1/services', {'serviceId': 'appt', 'name': 'Appt', 'type': 'APPOINTMENT',
        'timeZone': 'Europe/Berlin', 'price': {'amount': '10.00', 'currency': 'EUR'}, 'paymentOptions': ['IN_PERSON'],
        'workingHours': [{'day': d, 'start': '08:00', 'end': '18:00'} for d in days], 'slotMinutes': 30}, OWNER)
    assert st in (201, 409), (st, b)
    time.sleep(2)
    st, b = call('GET', f'{base}/api/v1/availability?serviceId=appt&from={FROM}&to={TO}')
    appt_slots = json.loads(b)['slots']
    jobs = []
    for i in range(class_bookings):
        s = sessions[i % len(sessions)]
        jobs.append({'serviceId': 'cls', 'sessionId': s['sessionId'], 'participants': 1})
    for i in range(appt_bookings):
        s = appt_slots[(i * 2) % len(appt_slots)]
        jobs.append({'serviceId': 'appt', 'start': s['start'], 'end': s['end']})
    errors = []
    def worker(k):
        for j in jobs[k::4]:
            body = dict(j, contact={'firstName': 'A', 'lastName': 'B', 'email': 'a@example.com'},
                        payment={'option': 'IN_PERSON'}, bookingId=str(uuid.uuid4()))
            st, b = call('POST', base + '/api/v1/bookings', body)
            if st != 201: errors.append((st, b[:200]))
    ts = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    [t.start() for t in ts]; [t.join() for t in ts]
    print(base, 'seeded', len(jobs), 'errors', len(errors), errors[:2], flush=True)

def cpu(pid):
    f = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf('SC_CLK_TCK')

def timed(base, pid, svc, n):
    url = f'{base}/api/v1/availability?serviceId={svc}&from={FROM}&to={TO}'
    ms = []
    c0 = cpu(pid)
    for _ in range(n):
        t = time.perf_counter()
        st, b = call('GET', url)
        ms.append((time.perf_counter() - t) * 1000)
        assert st == 200, st
    return ms, cpu(pid) - c0, b

if __name__ == '__main__':
    mode = sys.argv[1]
    if mode == 'seed':
        seed(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:  # bench rounds warmup samples name=url=pid ...
        rounds, warm, samples = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
        engines = [a.split('=') for a in sys.argv[5:]]
        res = {(n, s): ([], 0.0) for n, _, _ in engines for s in ('cls', 'appt')}
        percpu = {k: [] for k in res}
        bodies = {}
        for n, u, p in engines:
            for s in ('cls', 'appt'):
                timed(u, p, s, warm)
        for r in range(rounds):
            for n, u, p in (engines if r % 2 == 0 else engines[::-1]):
                for s in ('cls', 'appt'):
                    ms, c, b = timed(u, p, s, samples)
                    old = res[(n, s)]
                    res[(n, s)] = (old[0] + ms, old[1] + c)
                    percpu[(n, s)].append(c / len(ms) * 1000)
                    bodies[(n, s)] = b
        for s in ('cls', 'appt'):
            same = len({bodies[(n, s)] for n, _, _ in engines}) == 1
            for n, _, _ in engines:
                ms, c = res[(n, s)]
                ms.sort()
                p99 = ms[int(len(ms) * 0.99) - 1]
                print(f'{s:5} {n:7} n={len(ms)} slots={len(json.loads(bodies[(n, s)])["slots"])} '
                      f'p50={statistics.median(ms):.2f} ms p90={ms[int(len(ms)*0.9)-1]:.2f} p99={p99:.2f} max={ms[-1]:.2f} '
                      f'cpu/GET={c / len(ms) * 1000:.2f} ms (median of rounds {statistics.median(percpu[(n, s)]):.2f}) identical-bodies={same}', flush=True)
