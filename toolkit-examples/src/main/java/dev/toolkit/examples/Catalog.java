package dev.toolkit.examples;

import dev.toolkit.examples.ch02.BigSender;
import dev.toolkit.examples.ch02.Chapter02Demos;
import dev.toolkit.examples.ch02.UdpBroadcast;
import dev.toolkit.examples.ch02.UdpLocal;
import dev.toolkit.examples.ch02.UdpRemote;
import dev.toolkit.examples.ch03.Chapter03Demos;
import dev.toolkit.examples.ch03.TcpDeadlock;
import dev.toolkit.examples.ch03.TcpDeadlockSafe;
import dev.toolkit.examples.ch03.TcpSixteen;
import dev.toolkit.examples.ch04.Chapter04Demos;
import dev.toolkit.examples.ch04.DnsBasic;
import dev.toolkit.examples.ch04.DnsMx;
import dev.toolkit.examples.ch04.WwwPing;
import dev.toolkit.examples.ch05.Blocks;
import dev.toolkit.examples.ch05.Chapter05Demos;
import dev.toolkit.examples.ch05.Streamer;
import dev.toolkit.examples.ch06.Chapter06Demos;
import dev.toolkit.examples.ch06.SafeTls;
import dev.toolkit.examples.ch06.TestTls;
import dev.toolkit.examples.ch07.Chapter07Demos;
import dev.toolkit.examples.ch07.Client;
import dev.toolkit.examples.ch07.InZen1;
import dev.toolkit.examples.ch07.InZen2;
import dev.toolkit.examples.ch07.ServerMulti;
import dev.toolkit.examples.ch07.SrvAsync;
import dev.toolkit.examples.ch07.SrvAsyncio1;
import dev.toolkit.examples.ch07.SrvAsyncio2;
import dev.toolkit.examples.ch07.SrvLegacy1;
import dev.toolkit.examples.ch07.SrvLegacy2;
import dev.toolkit.examples.ch07.SrvSingle;
import dev.toolkit.examples.ch07.SrvThreaded;
import dev.toolkit.examples.ch07.Benchmark;
import dev.toolkit.examples.ch09.Chapter09Demos;
import dev.toolkit.examples.ch09.Httpbin;
import dev.toolkit.examples.ch10.Chapter10Demos;
import dev.toolkit.examples.ch10.TimeApp;
import dev.toolkit.examples.ch10.WsgiEnv;
import dev.toolkit.examples.support.ListingCommand;
import dev.toolkit.examples.tour.Demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every chapter, listing and tour demo, in book order: the one place a chapter registers itself. The launcher's
 * {@code list}, its dispatch of {@code chNN LISTING} and the tour all read from here.
 */
public final class Catalog {

    private static final Map<String, String> CHAPTERS = new LinkedHashMap<>();
    private static final List<Listing> LISTINGS = new ArrayList<>();
    private static final List<Demo> DEMOS = new ArrayList<>();

    static {
        chapter("ch02", "UDP");
        listing("ch02", UdpLocal.class);
        listing("ch02", UdpRemote.class);
        listing("ch02", UdpBroadcast.class);
        listing("ch02", BigSender.class);
        DEMOS.addAll(Chapter02Demos.ALL);

        chapter("ch03", "TCP");
        listing("ch03", TcpSixteen.class);
        listing("ch03", TcpDeadlock.class);
        listing("ch03", TcpDeadlockSafe.class);
        DEMOS.addAll(Chapter03Demos.ALL);
        chapter("ch04", "Socket names and DNS");
        listing("ch04", WwwPing.class);
        listing("ch04", DnsBasic.class);
        listing("ch04", DnsMx.class);
        DEMOS.addAll(Chapter04Demos.ALL);

        chapter("ch05", "Network data and errors");
        listing("ch05", Blocks.class);
        listing("ch05", Streamer.class);
        DEMOS.addAll(Chapter05Demos.ALL);
        chapter("ch06", "TLS");
        listing("ch06", SafeTls.class);
        listing("ch06", TestTls.class);
        DEMOS.addAll(Chapter06Demos.ALL);
        chapter("ch07", "Server architecture");
        listing("ch07", SrvSingle.class);
        listing("ch07", SrvThreaded.class);
        listing("ch07", SrvLegacy1.class);
        listing("ch07", SrvLegacy2.class);
        listing("ch07", SrvAsync.class);
        listing("ch07", SrvAsyncio1.class);
        listing("ch07", SrvAsyncio2.class);
        listing("ch07", InZen1.class);
        listing("ch07", InZen2.class);
        listing("ch07", ServerMulti.class);
        listing("ch07", Client.class);
        DEMOS.addAll(Chapter07Demos.ALL);
        listing("ch07", Benchmark.class);

        chapter("ch09", "HTTP clients");
        listing("ch09", Httpbin.class);
        DEMOS.addAll(Chapter09Demos.ALL);
        chapter("ch10", "HTTP servers");
        listing("ch10", WsgiEnv.class);
        listing("ch10", TimeApp.class);
        DEMOS.addAll(Chapter10Demos.ALL);
    }

    private Catalog() {
    }

    private static void chapter(String chapter, String title) {
        CHAPTERS.put(chapter, title);
    }

    private static void listing(String chapter, Class<? extends ListingCommand> type) {
        if (!CHAPTERS.containsKey(chapter)) {
            throw new IllegalStateException("register chapter " + chapter + " before its listings");
        }
        LISTINGS.add(Listing.of(chapter, type));
    }

    /** The chapters (e.g. {@code ch05}) with their titles, in book order. */
    public static Map<String, String> chapters() {
        return Collections.unmodifiableMap(CHAPTERS);
    }

    /** Every listing, in book order. */
    public static List<Listing> listings() {
        return Collections.unmodifiableList(LISTINGS);
    }

    /** The listings of one chapter, in book order. */
    public static List<Listing> listings(String chapter) {
        return LISTINGS.stream().filter(l -> l.chapter().equals(chapter)).toList();
    }

    /** The listing called {@code name} (underscores or dashes) in {@code chapter}, if there is one. */
    public static Optional<Listing> find(String chapter, String name) {
        String wanted = name.replace('-', '_');
        return LISTINGS.stream().filter(l -> l.chapter().equals(chapter) && l.name().equals(wanted)).findFirst();
    }

    /** The tour's demos, in book order. */
    public static List<Demo> demos() {
        return Collections.unmodifiableList(DEMOS);
    }
}
