package dev.holdout.cli;

import picocli.CommandLine.Option;

/**
 * {@code --mkdirs}, for every command that writes files: an output in a folder that does not exist
 * is refused (a typo in a path should not leave reports in a new folder nobody looks in) unless
 * the user asks for the folders to be made.
 */
final class MakeFolders {
  @Option(names = "--mkdirs", description = "Create the folders of the output files when they do not exist (without it, such a path is refused).")
  boolean mkdirs;
}
