/**
 * The suite file, {@code holdout.suite/v1}: parsing with line numbers, validation of every key
 * against the task, and the immutable {@link dev.holdout.suite.Suite} record the engine runs.
 * Errors name the file, the line and the key path and suggest the nearest valid word. Paths in a
 * suite are relative to the suite file. Each section has its parser over one {@link
 * dev.holdout.suite.YamlCursor}, which the handover manifest reads through too. docs/suite.md is
 * the user's reference.
 */
package dev.holdout.suite;
