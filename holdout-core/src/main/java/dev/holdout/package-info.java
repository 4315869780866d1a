/**
 * Holdout: the evaluation a buyer of machine learning keeps for itself. {@link dev.holdout.Holdout}
 * is the library entry point and the top of the package graph: nothing in the engine imports it.
 * docs/architecture.md draws the packages below and what each may use.
 */
package dev.holdout;
