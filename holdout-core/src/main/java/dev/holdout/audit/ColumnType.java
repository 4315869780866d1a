package dev.holdout.audit;

/**
 * What a column holds, inferred from its values: numbers, a few repeated categories, true/false,
 * free text (three or more words on average), or nothing at all.
 */
public enum ColumnType { NUMERIC, CATEGORICAL, TEXT, BOOLEAN, EMPTY }
