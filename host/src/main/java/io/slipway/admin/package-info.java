/**
 * Operator commands as messages into the execution core ({@link io.slipway.admin.AdminCommand},
 * {@link io.slipway.admin.AdminLink}); the daemon's admin channel produces them.
 */
package io.slipway.admin;
