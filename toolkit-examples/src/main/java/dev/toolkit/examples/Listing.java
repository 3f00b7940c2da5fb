package dev.toolkit.examples;

import dev.toolkit.examples.support.ListingCommand;
import picocli.CommandLine.Command;

import java.util.Objects;

/**
 * One program of the book in the {@link Catalog}: its chapter, its class, and the name and one-line description
 * that class's {@code @Command} annotation declares (so they are written once, next to the program).
 */
public final class Listing {

    private final String chapter;
    private final Class<? extends ListingCommand> type;
    private final String name;
    private final String description;

    private Listing(String chapter, Class<? extends ListingCommand> type) {
        Command command = type.getAnnotation(Command.class);
        if (command == null || command.name().isEmpty() || command.description().length == 0) {
            throw new IllegalArgumentException(type.getName() + " needs @Command with a name and a description");
        }
        this.chapter = Objects.requireNonNull(chapter, "chapter");
        this.type = type;
        this.name = command.name();
        this.description = command.description()[0];
    }

    /**
     * A listing of {@code chapter}.
     *
     * @param chapter the chapter, e.g. {@code ch05}
     * @param type the listing's class: a public {@link ListingCommand} with a no-argument constructor, whose
     *     {@code @Command} names it after the book's file (without {@code .py}) and describes it in one line
     */
    public static Listing of(String chapter, Class<? extends ListingCommand> type) {
        return new Listing(chapter, type);
    }

    /** The chapter, e.g. {@code ch05}. */
    public String chapter() {
        return chapter;
    }

    /** The book's file name without {@code .py}, e.g. {@code udp_local}. */
    public String name() {
        return name;
    }

    /** The other spelling the launcher accepts: dashes for underscores ({@code udp-local}), if different. */
    public String[] aliases() {
        String dashed = name.replace('_', '-');
        return dashed.equals(name) ? new String[0] : new String[] {dashed};
    }

    /** One line saying what the program does. */
    public String description() {
        return description;
    }

    /** The listing's class. */
    public Class<? extends ListingCommand> type() {
        return type;
    }

    @Override
    public String toString() {
        return chapter + " " + name;
    }
}
