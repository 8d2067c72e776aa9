/**
 * The OMS link over FIX 4.4: {@link io.slipway.fix.FixGateway} (the acceptor the client's OMS
 * logs on to) and {@link io.slipway.fix.OmsFixClient} (an initiator that plays the OMS in the
 * demo and in tests), both on Artio.
 *
 * <p>Codecs for both the session and the application messages are generated at build time from
 * {@code src/main/resources/fix/slipway-fix44.xml} into {@code io.slipway.fix.codecs} (see the
 * exec-maven-plugin execution in the host pom). Editing that dictionary is how a field is added.
 *
 * <p>The gateway's session layer is checked against the FIX 4.4 server-side session acceptance
 * scripts ({@code FixSessionAcceptanceTest} in the tests; what is not run, and why, is in
 * {@code src/test/resources/fix/conformance-exclusions.md}).
 *
 * <p>Both run Artio, which needs {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED} on Java 17
 * (Agrona 2 also wants {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}).
 */
package io.slipway.fix;
