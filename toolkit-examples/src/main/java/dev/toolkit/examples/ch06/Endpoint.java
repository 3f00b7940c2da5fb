package dev.toolkit.examples.ch06;

import dev.toolkit.examples.support.ArgumentTypes;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The arguments both chapter 6 programs start with: {@code host port [-a cafile]}; mix it in with {@code @Mixin}. */
final class Endpoint {

    @Parameters(index = "0", paramLabel = "host", description = "hostname or IP address")
    String host;

    @Parameters(index = "1", paramLabel = "port", converter = ArgumentTypes.Port.class, description = "TCP port number")
    int port;

    @Option(names = "-a", paramLabel = "cafile", description = "authority: path to CA certificate PEM file")
    String cafile;
}
