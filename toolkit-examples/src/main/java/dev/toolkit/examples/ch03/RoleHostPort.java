package dev.toolkit.examples.ch03;

import dev.toolkit.examples.support.ArgumentTypes;
import dev.toolkit.examples.support.ListingCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line of chapter 3's scripts: {@code client|server host [-p PORT]}; the role picks the method.
 */
abstract class RoleHostPort extends ListingCommand {

    /** Which side to play. */
    enum Role { client, server }

    @Parameters(index = "0", paramLabel = "{client,server}", description = "which role to play")
    private Role role;

    @Parameters(index = "1", paramLabel = "host",
            description = "interface the server listens at; host the client sends to")
    private String host;

    @Option(names = "-p", paramLabel = "PORT", converter = ArgumentTypes.Port.class,
            defaultValue = "1060", description = "TCP port (default 1060)")
    private int port;

    @Override
    public final Integer call() throws Exception {
        if (role == Role.client) {
            client(host, port);
        } else {
            server(host, port);
        }
        return 0;
    }

    abstract void server(String host, int port) throws Exception;

    abstract void client(String host, int port) throws Exception;
}
