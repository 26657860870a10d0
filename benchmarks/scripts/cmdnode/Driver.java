import java.net.URI;
import java.net.http.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.nio.file.*;

/** args: baseUrl ownerKey bookerKey clients warmupSec pointSec pids (comma-separated; "postgres" sums every postgres process) */
public class Driver {
    public static void main(String[] a) throws Exception {
        String base = a[0], owner = a[1], booker = a[2];
        int clients = Integer.parseInt(a[3]), warm = Integer.parseInt(a[4]), point = Integer.parseInt(a[5]);
        String[] pids = a[6].split(",");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String serviceId = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        Instant first = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofDays(2)).plus(Duration.ofHours(6));
        StringBuilder sessions = new StringBuilder();
        int n = 200;
        for (int i = 0; i < n; i++) {
            Instant s = first.plus(Duration.ofHours(i));
            if (i > 0) sessions.append(',');
            sessions.append("{\"sessionId\":\"").append(serviceId).append("-s").append(i).append("\",\"start\":\"").append(s)
                .append("\",\"end\":\"").append(s.plus(Duration.ofMinutes(50))).append("\"}");
        }
        String svc = "{\"serviceId\":\"" + serviceId + "\",\"name\":\"Vinyasa " + serviceId + "\",\"type\":\"CLASS\",\"timeZone\":\"Europe/Berlin\","
            + "\"price\":{\"amount\":\"18.50\",\"currency\":\"EUR\"},\"paymentOptions\":[\"IN_PERSON\",\"ONLINE\"],\"capacity\":100000,\"sessions\":[" + sessions + "]}";
        HttpResponse<String> r = http.send(post(base + "/api/v1/services", owner, svc), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException(r.statusCode() + " " + r.body());
        AtomicLong next = new AtomicLong();
        AtomicBoolean measuring = new AtomicBoolean(false), stop = new AtomicBoolean(false);
        ConcurrentLinkedQueue<Long> lat = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) pool.submit(() -> {
            while (!stop.get()) {
                int s = (int) (next.getAndIncrement() % n);
                String id = UUID.randomUUID().toString();
                String body = "{\"bookingId\":\"" + id + "\",\"serviceId\":\"" + serviceId + "\",\"sessionId\":\"" + serviceId + "-s" + s
                    + "\",\"participants\":1,\"contact\":{\"contactId\":\"c-" + id.substring(0, 8)
                    + "\",\"firstName\":\"Maria\",\"lastName\":\"Schneider-Okafor\",\"email\":\"maria.schneider@example.org\",\"phone\":\"+49 30 5550 1234\"},\"payment\":{\"option\":\"IN_PERSON\"}}";
                long t0 = System.nanoTime();
                try {
                    HttpResponse<String> resp = http.send(post(base + "/api/v1/bookings", booker, body), HttpResponse.BodyHandlers.ofString());
                    long t = System.nanoTime() - t0;
                    if (resp.statusCode() / 100 != 2) { errors.incrementAndGet(); if (errors.get() < 3) System.err.println(resp.statusCode() + " " + resp.body()); }
                    else if (measuring.get()) lat.add(t);
                } catch (Exception e) { errors.incrementAndGet(); }
            }
            return null;
        });
        Thread.sleep(warm * 1000L);
        long[] cpu0 = cpus(pids); long http0 = httpThreadsCpu(pids[0]); long t0 = System.nanoTime(); measuring.set(true);
        Thread.sleep(point * 1000L);
        measuring.set(false); long[] cpu1 = cpus(pids); long http1 = httpThreadsCpu(pids[0]); long t1 = System.nanoTime();
        int count = lat.size();
        stop.set(true); pool.shutdown(); pool.awaitTermination(30, TimeUnit.SECONDS);
        List<Long> l = new ArrayList<>(lat); Collections.sort(l);
        double secs = (t1 - t0) / 1e9;
        System.out.printf("bookings=%d rate=%.1f/s p50=%.1fms p99=%.1fms errors=%d cpu_ms_per_booking(per pid)=", count, count / secs,
            l.get(l.size() / 2) / 1e6, l.get((int) (l.size() * 0.99)) / 1e6, errors.get());
        for (int i = 0; i < pids.length; i++) System.out.printf(" %.2f", (cpu1[i] - cpu0[i]) * 10.0 / count);
        // the first pid's Tomcat request threads only: the request path, without the background threads' share
        System.out.printf(" http_threads_cpu_ms_per_booking= %.2f", (http1 - http0) * 10.0 / count);
        System.out.println();
    }
    static long[] cpus(String[] p) throws Exception { long[] r = new long[p.length]; for (int i = 0; i < p.length; i++) r[i] = p[i].equals("postgres") ? postgresCpu() : cpu(Long.parseLong(p[i])); return r; }
    /** Clock ticks of every process named postgres on the machine (the server and its backends): give "postgres" as a pid. */
    static long postgresCpu() throws Exception {
        long sum = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                if (!proc.getFileName().toString().chars().allMatch(Character::isDigit)) continue;
                try {
                    String s = Files.readString(proc.resolve("stat"));
                    if (!s.substring(s.indexOf('(') + 1, s.lastIndexOf(')')).startsWith("postgres")) continue;
                    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                    sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (java.io.IOException gone) { /* the process ended meanwhile */ }
            }
        }
        return sum;
    }
    static long cpu(long pid) throws Exception { // clock ticks (100/s)
        String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
    /** Clock ticks of the threads named http-nio-* (Tomcat's request threads) of {@code pid}. */
    static long httpThreadsCpu(String pid) throws Exception {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String s = Files.readString(task.resolve("stat"));
                    String comm = s.substring(s.indexOf('(') + 1, s.lastIndexOf(')'));
                    if (!comm.startsWith("http-nio")) continue;
                    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                    sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (java.io.IOException gone) { /* the thread ended meanwhile */ }
            }
        }
        return sum;
    }
    static HttpRequest post(String url, String key, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }
}
