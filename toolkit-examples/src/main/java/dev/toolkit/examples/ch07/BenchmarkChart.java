package dev.toolkit.examples.ch07;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws the benchmark's chart as a small SVG document: requests per second against concurrent clients, one
 * line per server, with axes, ticks, grid lines and a legend.
 */
final class BenchmarkChart {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 460;
    private static final int LEFT = 80;
    private static final int RIGHT = 190;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f"};

    private BenchmarkChart() {
    }

    /** The SVG document for {@code points} (any order; grouped by server in first-seen order). */
    static String svg(List<LoadPoint> points, String title) {
        Map<String, List<LoadPoint>> byServer = new LinkedHashMap<>();
        for (LoadPoint p : points) {
            byServer.computeIfAbsent(p.server(), k -> new ArrayList<>()).add(p);
        }
        int maxClients = points.stream().mapToInt(LoadPoint::clients).max().orElse(1);
        double maxRate = points.stream().mapToDouble(LoadPoint::requestsPerSecond).max().orElse(1);
        double yStep = niceStep(Math.max(maxRate, 1) / 5);
        double yMax = Math.ceil(Math.max(maxRate, 1) / yStep) * yStep;
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;

        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH,
                HEIGHT));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"28\" font-size=\"16\">%s</text>%n", LEFT,
                escape(title)));
        // Y grid, ticks and labels.
        for (double y = 0; y <= yMax + yStep / 2; y += yStep) {
            double py = TOP + plotH - y / yMax * plotH;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"#dddddd\"/>%n", LEFT, py, LEFT + plotW, py));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 8, py + 4, formatCount(y)));
        }
        // X ticks at every measured concurrency.
        List<Integer> xs = points.stream().map(LoadPoint::clients).distinct().sorted().toList();
        for (int x : xs) {
            double px = xPos(x, maxClients, plotW);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"black\"/>%n", px, TOP + plotH, px, TOP + plotH + 5));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>%n",
                    px, TOP + plotH + 20, x));
        }
        // Axes and their labels.
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>%n",
                LEFT, TOP, LEFT, TOP + plotH));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                + "stroke=\"black\"/>%n", LEFT, TOP + plotH, LEFT + plotW, TOP + plotH));
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">concurrent clients"
                + "</text>%n", LEFT + plotW / 2, HEIGHT - 15));
        s.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 18 %.1f)\">requests per second</text>%n", TOP + plotH / 2,
                TOP + plotH / 2));
        // One line per server, and its legend entry.
        int i = 0;
        for (Map.Entry<String, List<LoadPoint>> e : byServer.entrySet()) {
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder line = new StringBuilder();
            List<LoadPoint> series = new ArrayList<>(e.getValue());
            series.sort((a, b) -> Integer.compare(a.clients(), b.clients()));
            for (LoadPoint p : series) {
                double px = xPos(p.clients(), maxClients, plotW);
                double py = TOP + plotH - p.requestsPerSecond() / yMax * plotH;
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", px,
                        py, colour));
            }
            s.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
                    + "points=\"%s\"><title>%s</title></polyline>%n", colour, line.toString().trim(),
                    escape(e.getKey())));
            double ly = TOP + 10 + i * 20;
            double lx = LEFT + plotW + 15;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"%s\" stroke-width=\"3\"/>%n", lx, ly, lx + 20, ly, colour));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", lx + 26, ly + 4,
                    escape(e.getKey())));
            i++;
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static double xPos(int clients, int maxClients, double plotW) {
        return LEFT + (maxClients <= 1 ? plotW / 2 : (clients - 1) / (double) (maxClients - 1) * plotW);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= rough) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String formatCount(double v) {
        if (v >= 1000 && v % 1000 == 0) {
            return String.format(Locale.ROOT, "%dk", (long) (v / 1000));
        }
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%d", (long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
