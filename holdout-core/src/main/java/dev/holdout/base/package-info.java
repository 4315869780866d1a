/**
 * Base types every other package may use and which use nothing of ours: the user-facing error
 * family, number formatting (one shape per kind of figure), "did you mean" suggestions, files
 * written all at once, what counts as a missing value, CSV cells (quoting and the spreadsheet
 * formula guard). A leaf: it imports only the JDK.
 */
package dev.holdout.base;
