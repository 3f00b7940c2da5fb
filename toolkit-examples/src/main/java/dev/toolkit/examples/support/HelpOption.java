package dev.toolkit.examples.support;

import picocli.CommandLine.Option;

/**
 * The {@code -h}/{@code --help} option of every command, worded as argparse words it; mix it in with
 * {@code @Mixin}.
 */
public final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help message and exit")
    private boolean help;
}
