package dev.toolkit.readme;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs the README's MockHttpServer example (the region {@link ReadmeSnippetsTest} matches) on loopback. */
class ReadmeHttpMockExamplesTest {

    @Test
    void theMockServerExampleAnswersInOrderAndRecords() throws Exception {
        assertEquals("200 hello\n200 slowly\nGET /greeting lang=en, connection 0, request 0\n",
                Stdout.capture(HttpMockSnippets::mockServer));
    }
}
