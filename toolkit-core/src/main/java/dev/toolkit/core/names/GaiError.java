package dev.toolkit.core.names;

import dev.toolkit.core.error.NameResolutionException;

/**
 * The C library's {@code getaddrinfo} error codes and messages (what Python's {@code socket.gaierror} carries),
 * for programs that report name failures the way the book's listings do.
 */
public enum GaiError {
    /** The name (or service) does not exist. */
    EAI_NONAME(-2, "Name or service not known"),
    /** A temporary failure: no answer in time, or a server failure. */
    EAI_AGAIN(-3, "Temporary failure in name resolution"),
    /** A permanent failure of the name service. */
    EAI_FAIL(-4, "Non-recoverable failure in name resolution"),
    /** The family asked for is not supported. */
    EAI_FAMILY(-6, "ai_family not supported"),
    /** The service is not known for the socket type. */
    EAI_SERVICE(-8, "Servname not supported for ai_socktype"),
    /** The name exists but has no address. */
    EAI_NODATA(-5, "No address associated with hostname"),
    /** The name has no address of the family asked for. */
    EAI_ADDRFAMILY(-9, "Address family for hostname not supported"),
    /** Another failure. */
    EAI_SYSTEM(-11, "System error");

    private final int code;
    private final String message;

    GaiError(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The C library's (negative) error number. */
    public int code() {
        return code;
    }

    /** The C library's message, as {@code gai_strerror} returns it. */
    public String message() {
        return message;
    }

    /** The code the C library would have returned for {@code e}. */
    public static GaiError of(NameResolutionException e) {
        switch (e.reason()) {
            case NXDOMAIN:
            case BAD_NAME:
                return EAI_NONAME;
            case NO_DATA:
                return EAI_NODATA;
            case TIMEOUT:
            case SERVER_FAILURE:
            case REFUSED:
            case NETWORK:
                return EAI_AGAIN;
            case BAD_SERVICE:
                return EAI_SERVICE;
            case BAD_FAMILY:
                return EAI_ADDRFAMILY;
            case NO_MAIL:
                return EAI_NODATA;
            default:
                return EAI_FAIL;
        }
    }
}
