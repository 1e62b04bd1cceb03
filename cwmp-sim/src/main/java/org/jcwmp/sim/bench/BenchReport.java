package org.jcwmp.sim.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import javax.imageio.ImageIO;

/** Writes a benchmark's Markdown report and its PNG chart (latency percentiles and sessions per second over time). */
public final class BenchReport {

    private BenchReport() {
    }

    /** @return the Markdown file */
    public static Path write(SessionBenchmark.Result r, Path dir, String commandLine) throws IOException {
        Files.createDirectories(dir);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        String base = "sessions-" + r.options().mix() + "-" + r.options().devices() + "-" + stamp;
        Path png = dir.resolve(base + ".png");
        chart(r, png);
        Path md = dir.resolve(base + ".md");
        Files.writeString(md, markdown(r, commandLine, png.getFileName().toString()));
        return md;
    }

    public static String markdown(SessionBenchmark.Result r, String commandLine, String pngName) {
        SessionBenchmark.Options o = r.options();
        StringBuilder b = new StringBuilder();
        b.append("# Session benchmark: ").append(o.mix()).append(" mix\n\n");
        b.append("- command: `").append(commandLine).append("`\n");
        b.append("- when: ").append(Instant.now()).append("\n");
        b.append("- target: ").append(o.target()).append("\n");
        b.append(String.format(Locale.ROOT, "- machine: %d cores, %d MiB max heap, Java %s (%s)%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), System.getProperty("os.name")));
        b.append(String.format(Locale.ROOT, "- 1-minute load average at the end: %.2f (anything above the core count is other work on the machine)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        b.append(String.format(Locale.ROOT, "- devices %d, concurrency %d, warm-up %d s, measured %d s%n%n",
                o.devices(), o.concurrency(), o.warmUp().toSeconds(), o.measured().toSeconds()));
        b.append("| figure | value |\n|---|---|\n");
        row(b, "sessions/s", String.format(Locale.ROOT, "%.0f", r.sessionsPerSecond()));
        row(b, "sessions (ok + failed)", Long.toString(r.sessions()));
        row(b, "errors", Long.toString(r.errors()));
        row(b, "latency p50", ms(r.p50()));
        row(b, "latency p95", ms(r.p95()));
        row(b, "latency p99", ms(r.p99()));
        row(b, "latency max", ms(r.max()));
        row(b, "POSTs per session (not counting Digest 401 round trips)", String.format(Locale.ROOT, "%.2f", r.exchangesPerSession()));
        row(b, "CPU per session (this JVM: load generator" + (r.storeBytes() < 0 ? ")" : " and ACS)"),
                String.format(Locale.ROOT, "%.0f us", r.cpuPerSession()));
        row(b, "bootstrap of all devices", String.format(Locale.ROOT, "%.1f s", r.bootstrapSeconds()));
        row(b, "heap after GC / devices (whole JVM)", String.format(Locale.ROOT, "%.1f KB", r.heapPerDevice() / 1024));
        row(b, "store on disk / devices", r.storeBytes() < 0 ? "unknown (external ACS)"
                : String.format(Locale.ROOT, "%.1f KB (%.1f MB in all)", r.storePerDevice() / 1024, r.storeBytes() / 1048576.0));
        if (r.lastError() != null) {
            row(b, "last error", r.lastError().replace('|', '/'));
        }
        b.append("\n![latency percentiles over time](").append(pngName).append(")\n\n");
        b.append("| second | sessions | errors | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|\n");
        for (SessionBenchmark.Second s : r.seconds()) {
            b.append(String.format(Locale.ROOT, "| %d | %d | %d | %.1f | %.1f | %.1f | %.1f |%n", s.second(), s.sessions(),
                    s.errors(), s.p50() / 1e3, s.p95() / 1e3, s.p99() / 1e3, s.max() / 1e3));
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String k, String v) {
        b.append("| ").append(k).append(" | ").append(v).append(" |\n");
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1e3);
    }

    /** Latency percentiles (left axis, ms) and sessions per second (right axis) for each measured second. */
    public static void chart(SessionBenchmark.Result r, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int w = 1000, h = 520, left = 70, right = 80, top = 50, bottom = 60;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            List<SessionBenchmark.Second> s = r.seconds();
            int pw = w - left - right, ph = h - top - bottom;
            double maxMs = 1;
            long maxRate = 1;
            for (SessionBenchmark.Second x : s) {
                maxMs = Math.max(maxMs, x.p99() / 1e3);
                maxRate = Math.max(maxRate, x.sessions());
            }
            maxMs = niceCeil(maxMs * 1.1);
            maxRate = (long) niceCeil(maxRate * 1.1);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            // grid and axes
            for (int i = 0; i <= 5; i++) {
                int y = top + ph - ph * i / 5;
                g.setColor(new Color(230, 230, 230));
                g.drawLine(left, y, left + pw, y);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, "%.1f", maxMs * i / 5), 8, y + 4);
                g.drawString(Long.toString(maxRate * i / 5), left + pw + 8, y + 4);
            }
            int n = Math.max(1, s.size());
            for (int i = 0; i < s.size(); i++) {
                if (s.size() <= 30 || i % 5 == 4) {
                    g.drawString(Integer.toString(s.get(i).second()), x(i, n, left, pw) - 4, top + ph + 18);
                }
            }
            g.drawRect(left, top, pw, ph);
            g.drawString("second of the measured window", left + pw / 2 - 80, h - 18);
            g.drawString("latency ms", 8, top - 10);
            g.drawString("sessions/s", left + pw + 8, top - 10);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(String.format(Locale.ROOT, "%s mix, %d devices, %d concurrent: %.0f sessions/s, p50 %.1f / p95 %.1f / p99 %.1f ms",
                    r.options().mix(), r.options().devices(), r.options().concurrency(), r.sessionsPerSecond(),
                    r.p50() / 1e3, r.p95() / 1e3, r.p99() / 1e3), left, 24);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            // sessions/s as bars behind the lines
            g.setColor(new Color(200, 215, 235));
            int bw = Math.max(2, pw / n - 4);
            for (int i = 0; i < s.size(); i++) {
                int bh = (int) ((double) s.get(i).sessions() / maxRate * ph);
                g.fillRect(x(i, n, left, pw) - bw / 2, top + ph - bh, bw, bh);
            }
            line(g, s, SessionBenchmark.Second::p50, new Color(40, 150, 60), maxMs, n, left, top, pw, ph);
            line(g, s, SessionBenchmark.Second::p95, new Color(230, 140, 20), maxMs, n, left, top, pw, ph);
            line(g, s, SessionBenchmark.Second::p99, new Color(200, 30, 30), maxMs, n, left, top, pw, ph);
            // legend
            int lx = left + 10, ly = top + 16;
            legend(g, lx, ly, new Color(40, 150, 60), "p50");
            legend(g, lx + 70, ly, new Color(230, 140, 20), "p95");
            legend(g, lx + 140, ly, new Color(200, 30, 30), "p99");
            g.setColor(new Color(200, 215, 235));
            g.fillRect(lx + 210, ly - 9, 18, 10);
            g.setColor(Color.DARK_GRAY);
            g.drawString("sessions/s (right axis)", lx + 232, ly);
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", png.toFile());
    }

    private static void legend(Graphics2D g, int x, int y, Color c, String label) {
        g.setColor(c);
        g.setStroke(new BasicStroke(3));
        g.drawLine(x, y - 4, x + 18, y - 4);
        g.setColor(Color.DARK_GRAY);
        g.drawString(label, x + 22, y);
    }

    private static void line(Graphics2D g, List<SessionBenchmark.Second> s, ToLongFunction<SessionBenchmark.Second> f,
                             Color c, double maxMs, int n, int left, int top, int pw, int ph) {
        g.setColor(c);
        g.setStroke(new BasicStroke(2.2f));
        int px = -1, py = -1;
        for (int i = 0; i < s.size(); i++) {
            int x = x(i, n, left, pw);
            int y = top + ph - (int) (f.applyAsLong(s.get(i)) / 1e3 / maxMs * ph);
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            g.fillOval(x - 3, y - 3, 6, 6);
            px = x;
            py = y;
        }
        g.setStroke(new BasicStroke(1));
    }

    private static int x(int i, int n, int left, int pw) {
        return left + (int) ((i + 0.5) * pw / n);
    }

    private static double niceCeil(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
