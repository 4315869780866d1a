/**
 * Reading evaluation sets and predictions: CSV and TSV (RFC 4180 quoting, BOM, CRLF), JSON Lines
 * and Parquet, chosen by file extension, into primitive columns aligned by id. Every value that
 * cannot be used is reported with its file, line (rows for Parquet) and column; nothing is
 * coerced silently. Parquet is read through DuckDB's JDBC driver, which must be on the class path.
 */
package dev.holdout.data;
