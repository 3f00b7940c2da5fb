package dev.toolkit.http.server.files;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidatorsTest {

    /** 2026-01-02T03:04:05.678Z. */
    private static final long MODIFIED = 1767323045678L;
    private final Validators validators = new Validators(1234, MODIFIED);

    @Test
    void theValidatorsComeFromSizeAndTime() {
        assertEquals("\"4d2-" + Long.toHexString(MODIFIED) + "\"", validators.etag());
        assertEquals("Fri, 02 Jan 2026 03:04:05 GMT", validators.lastModified());
        assertFalse(new Validators(1235, MODIFIED).etag().equals(validators.etag()));
        assertFalse(new Validators(1234, MODIFIED + 1).etag().equals(validators.etag()));
    }

    @Test
    void ifNoneMatchComparesWeaklyAndAcceptsAListOrAStar() {
        String etag = validators.etag();
        assertTrue(validators.notModified(etag, null));
        assertTrue(validators.notModified("W/" + etag, null));
        assertTrue(validators.notModified("\"other\", " + etag, null));
        assertTrue(validators.notModified("*", null));
        assertFalse(validators.notModified("\"other\"", null));
        assertFalse(validators.notModified("", null));
    }

    @Test
    void ifNoneMatchWinsOverIfModifiedSince() {
        assertFalse(validators.notModified("\"other\"", "Fri, 02 Jan 2026 03:04:05 GMT"));
        assertTrue(validators.notModified(validators.etag(), "Thu, 01 Jan 1970 00:00:00 GMT"));
    }

    @Test
    void ifModifiedSinceComparesWholeSeconds() {
        assertTrue(validators.notModified(null, "Fri, 02 Jan 2026 03:04:05 GMT"));
        assertTrue(validators.notModified(null, "Sat, 03 Jan 2026 00:00:00 GMT"));
        assertFalse(validators.notModified(null, "Fri, 02 Jan 2026 03:04:04 GMT"));
        assertTrue(validators.notModified(null, "Friday, 02-Jan-26 03:04:05 GMT"));
        assertFalse(validators.notModified(null, "yesterday"));
        assertFalse(validators.notModified(null, null));
    }

    @Test
    void ifRangeNeedsAStrongMatchOrTheExactDate() {
        assertTrue(validators.ifRangeHolds(null));
        assertTrue(validators.ifRangeHolds(validators.etag()));
        assertFalse(validators.ifRangeHolds("W/" + validators.etag()));
        assertFalse(validators.ifRangeHolds("\"other\""));
        assertTrue(validators.ifRangeHolds("Fri, 02 Jan 2026 03:04:05 GMT"));
        assertFalse(validators.ifRangeHolds("Fri, 02 Jan 2026 03:04:06 GMT"));
        assertFalse(validators.ifRangeHolds("garbage"));
    }
}
