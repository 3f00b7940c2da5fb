package dev.toolkit.readme;

import dev.toolkit.core.framing.Framing;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.server.ProtocolFactory;

import java.nio.file.Path;
import java.util.List;

// README: protocol factory
public final class SpoolingLines implements ProtocolFactory {         // public, public no-argument constructor
    @Override
    public ProtocolDefinition create(List<String> arguments) {
        Path spool = Path.of(arguments.get(0));
        return channel -> channel.pipeline().addLast(Framing.lines(998).newDecoder(), new SpoolWriter(spool));
    }
}
// README: end
