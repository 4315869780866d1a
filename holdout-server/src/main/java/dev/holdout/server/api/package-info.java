/**
 * The HTTP API under /api/v1: one route table with the access each route needs (read by the access
 * check, the OpenAPI document and the security test), and the one place that turns failures into
 * the JSON error shape with a 4xx, including what Jetty refuses before routing. It owns no state.
 */
package dev.holdout.server.api;
