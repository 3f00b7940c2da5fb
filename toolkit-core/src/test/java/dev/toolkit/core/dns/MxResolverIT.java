package dev.toolkit.core.dns;

import dev.toolkit.core.error.NameResolutionException;
import dev.toolkit.testing.DnsTestZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MX resolution for mail delivery against dnsmasq serving {@link DnsTestZone}. */
class MxResolverIT {

    private static ZoneFixture zone;
    private static DnsClient client;

    @BeforeAll
    static void start() {
        zone = ZoneFixture.start();
        client = zone.client();
    }

    @AfterAll
    static void stop() {
        if (zone != null) {
            zone.close();
        }
    }

    @Test
    void sortedByPreference() {
        assertEquals(List.of(new MailExchanger("mx1.test", 10, false), new MailExchanger("mx2.test", 20, false)),
                MxResolver.create(client).resolve("mail.test"));
    }

    @Test
    void tiesAreShuffledAndStayBeforeHigherPreferences() {
        Set<List<String>> orders = new HashSet<>();
        Random random = new Random(1);
        MxResolver resolver = MxResolver.create(client, random);
        for (int i = 0; i < 30; i++) {
            List<MailExchanger> mx = resolver.resolve("tie.test");
            assertEquals(4, mx.size());
            assertEquals(Set.of("mx1.test", "mx2.test", "mx3.test"),
                    Set.of(mx.get(0).host(), mx.get(1).host(), mx.get(2).host()));
            assertEquals(new MailExchanger("mx4.test", 20, false), mx.get(3));
            orders.add(mx.stream().map(MailExchanger::host).toList());
        }
        assertTrue(orders.size() > 1, "ties were never shuffled: " + orders);
    }

    @Test
    void noMxFallsBackToTheDomainsAddress() {
        assertEquals(List.of(new MailExchanger("nomx.test", 0, true)),
                MxResolver.create(client).resolve("nomx.test"));
    }

    @Test
    void nullMxMeansNoMail() {
        NameResolutionException e = assertThrows(NameResolutionException.class,
                () -> MxResolver.create(client).resolve("nullmx.test"));
        assertEquals(NameResolutionException.Reason.NO_MAIL, e.reason());
    }

    @Test
    void noMxAndNoAddressIsNoData() {
        NameResolutionException e = assertThrows(NameResolutionException.class,
                () -> MxResolver.create(client).resolve("textonly.test"));
        assertEquals(NameResolutionException.Reason.NO_DATA, e.reason());
        assertTrue(e.namesTried().contains("textonly.test"), e.namesTried().toString());
    }

    @Test
    void noSuchDomainAndNoSearchList() {
        NameResolutionException e = assertThrows(NameResolutionException.class,
                () -> MxResolver.create(client).resolve("nosuch.test"));
        assertEquals(NameResolutionException.Reason.NXDOMAIN, e.reason());
        // Mail domains are absolute: the client's search list is not applied.
        assertEquals(List.of("nosuch.test"), e.namesTried());
    }
}
