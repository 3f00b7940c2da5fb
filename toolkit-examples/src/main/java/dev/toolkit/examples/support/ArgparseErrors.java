package dev.toolkit.examples.support;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reports a bad command line as Python's argparse does, for every listing: the usage line, then
 * {@code PROG: error: MESSAGE}, on stderr, and exit status 2. The messages are argparse's:
 * {@code the following arguments are required: host, port}, {@code argument -p: expected one argument},
 * {@code argument -p: invalid int value: 'x'}, {@code argument role: invalid choice: 'x' (choose from 'client',
 * 'server')}, {@code unrecognized arguments: x}. An argument is named as argparse names it: an option by its
 * names joined with {@code /}, a positional parameter by its label, or by its field's name when the label lists
 * the choices ({@code {client,server}} is {@code role}, {@code thread|process} is {@code mode}).
 */
public final class ArgparseErrors implements IParameterExceptionHandler {

    /** Exit status of a bad command line, as argparse's. */
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    private final Function<ParameterException, String> fallback;

    /**
     * @param fallback the message for a parameter exception argparse has no wording for (a missing
     *     subcommand, say); by default the exception's own message
     */
    public ArgparseErrors(Function<ParameterException, String> fallback) {
        this.fallback = fallback;
    }

    /** The handler with picocli's own message for what argparse has no wording for. */
    public ArgparseErrors() {
        this(ParameterException::getMessage);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine line = ex.getCommandLine();
        PrintWriter err = line.getErr();
        err.print("usage: " + line.getHelp().synopsis(0));
        err.println(line.getCommandSpec().qualifiedName() + ": error: " + message(ex));
        err.flush();
        return USAGE;
    }

    /** argparse's wording of {@code ex}. */
    String message(ParameterException ex) {
        if (ex instanceof MissingParameterException missing) {
            List<ArgSpec> specs = missing.getMissing();
            if (specs.size() == 1 && specs.get(0) instanceof OptionSpec option && !option.required()) {
                return "argument " + name(option) + ": expected one argument";
            }
            if (specs.size() == 1 && specs.get(0) instanceof PositionalParamSpec first) {
                // picocli names the first missing positional parameter; argparse names it and all after it
                specs = ex.getCommandLine().getCommandSpec().positionalParameters().stream()
                        .filter(p -> p.required() && p.index().min() >= first.index().min())
                        .map(p -> (ArgSpec) p).toList();
            }
            return "the following arguments are required: "
                    + specs.stream().map(ArgparseErrors::name).collect(Collectors.joining(", "));
        }
        if (ex.getCause() instanceof TypeConversionException conversion && ex.getArgSpec() != null) {
            ArgSpec spec = ex.getArgSpec();
            if (spec.type().isEnum()) {
                return "argument " + name(spec) + ": invalid choice: '" + ex.getValue() + "' (choose from "
                        + Arrays.stream(spec.type().getEnumConstants()).map(c -> "'" + c + "'")
                        .collect(Collectors.joining(", ")) + ")";
            }
            return "argument " + name(spec) + ": " + conversion.getMessage();
        }
        if (ex instanceof UnmatchedArgumentException unmatched && ex.getCommandLine().getSubcommands().isEmpty()) {
            return "unrecognized arguments: " + String.join(" ", unmatched.getUnmatched());
        }
        return fallback.apply(ex);
    }

    /** The argument as argparse names it in messages. */
    static String name(ArgSpec spec) {
        if (spec instanceof OptionSpec option) {
            return String.join("/", option.names());
        }
        String label = spec.paramLabel();
        if ((label.startsWith("{") || label.contains("|")) && spec.userObject() instanceof Field field) {
            return field.getName();
        }
        return label;
    }
}
