package dev.toolkit.core.error;

import java.util.List;

/** A name could not be resolved; lists every name tried (after search-domain expansion) and every server asked. */
public class NameResolutionException extends ToolkitException {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final List<String> namesTried;
    private final List<String> serversAsked;

    /**
     * @param name the name as the caller gave it
     * @param namesTried every fully qualified name that was looked up, in order
     * @param serversAsked every server asked ({@code host:port}), or empty for the system resolver
     * @param reason why it failed, e.g. "no such domain"
     * @param cause the underlying exception, or {@code null}
     */
    public NameResolutionException(String name, List<String> namesTried, List<String> serversAsked, String reason,
                                   Throwable cause) {
        super(ErrorKind.RESOLUTION, describe(name, namesTried, serversAsked, reason), cause);
        this.name = name;
        this.namesTried = List.copyOf(namesTried);
        this.serversAsked = List.copyOf(serversAsked);
    }

    private static String describe(String name, List<String> tried, List<String> servers, String reason) {
        StringBuilder sb = new StringBuilder("cannot resolve '").append(name).append("': ").append(reason);
        if (!tried.isEmpty() && !(tried.size() == 1 && tried.get(0).equals(name))) {
            sb.append("; names tried: ").append(String.join(", ", tried));
        }
        if (!servers.isEmpty()) {
            sb.append("; servers asked: ").append(String.join(", ", servers));
        }
        return sb.toString();
    }

    /** The name as the caller gave it. */
    public String name() {
        return name;
    }

    /** Every fully qualified name that was looked up, in order. */
    public List<String> namesTried() {
        return namesTried;
    }

    /** Every server asked, as {@code host:port}; empty when the system resolver answered. */
    public List<String> serversAsked() {
        return serversAsked;
    }
}
