/**
 * The web pages for owners and vendors, served by the API's process under {@code /} with the API's
 * access rules ({@code Api.permit}): a session cookie opened with a token, a CSRF token on every
 * form that changes something, and a Content-Security-Policy that allows no inline script. Vendor
 * pages render only what the vendor's API answers hold; every style and script is in the jar.
 */
package dev.holdout.server.ui;
