package dev.toolkit.tls;

import dev.toolkit.core.pipeline.ClientSecurity;
import dev.toolkit.core.pipeline.ServerSecurity;
import dev.toolkit.testing.ApiGrammar;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/** TLS settings under the API grammar: named for what they are, variants through {@code toBuilder()}. */
class TlsGrammarTest {

    @Test
    void theTlsSettingsAreBuilderMadeValuesOfCoresSecurityStages() {
        // install and watch are what the settings do, not settings: they take arguments by design.
        ApiGrammar.assertConfiguration(TlsServerConfig.class, "install", "watch");
        ApiGrammar.assertConfiguration(TlsClientConfig.class, "install");
        CertificateAuthority ca = CertificateAuthority.create("Grammar CA");
        try (TlsServerConfig server = TlsServerConfig.builder()
                .certificate(ca.issue(CertificateSpec.server("localhost").dns("localhost"))).build()) {
            assertInstanceOf(ServerSecurity.class, server);
            TlsServerConfig quick = server.toBuilder().handshakeTimeout(Duration.ofSeconds(2)).build();
            assertNotSame(server, quick);
            quick.close();
        }
        TlsClientConfig client = TlsClientConfig.builder().trust(List.of(ca.certificate())).build();
        assertInstanceOf(ClientSecurity.class, client);
        TlsClientConfig variant = client.toBuilder().alpn("h2").build();
        assertNotSame(client, variant);
        assertEquals(client.provider(), variant.toBuilder().build().provider());
    }
}
