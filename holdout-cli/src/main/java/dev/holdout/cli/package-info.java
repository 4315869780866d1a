/**
 * The {@code holdout} command (picocli): one class per subcommand under {@link dev.holdout.cli.Main}.
 * Exit codes: 0 accepted, 1 rejected, 3 inconclusive, 2 bad input or usage, 70 an internal error.
 * Messages go to standard error without stack traces unless {@code --verbose} is given.
 */
package dev.holdout.cli;
