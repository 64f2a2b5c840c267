package io.kincir.nats;

import io.kincir.AuthenticationFailedException;
import java.nio.file.Path;
import java.util.List;

/**
 * How a backend logs in to NATS, in words for the failure when the server refuses it: who, and which
 * settings to check. It never holds the password, token or seed.
 *
 * @param who "for user 'orders'", "with a token"…
 * @param check what to check, naming the settings
 */
record NatsLogin(String who, String check) {

    static final NatsLogin OPTIONS = new NatsLogin("with the credentials of the given jnats Options",
            "Check the user, token or auth handler of the Options given to NatsBackend.Builder.options");

    /** @return the login that the builder's settings make; the first that is set, as the builder allows only one */
    static NatsLogin of(String username, boolean token, Path credentialsFile, boolean nkey, List<String> servers) {
        if (username != null) {
            return new NatsLogin("for user '" + username + "'", "Check kincir.nats.username and kincir.nats.password "
                    + "(or the builder's credentials), and that the server knows the user");
        }
        if (token) {
            return new NatsLogin("with a token", "Check kincir.nats.token (or the builder's token) against the "
                    + "server's authorization token");
        }
        if (credentialsFile != null) {
            return new NatsLogin("with the credentials file " + credentialsFile, "Check kincir.nats.credentials-file "
                    + "(or the builder's), and that the server trusts its account and user");
        }
        if (nkey) {
            return new NatsLogin("with an NKey", "Check the builder's NKey seed, and that the server knows its public "
                    + "key");
        }
        if (servers.stream().anyMatch(server -> server.contains("@"))) {
            return new NatsLogin("with the user or token in the server URL", "Check the user and password, or the "
                    + "token, in kincir.nats.servers (or the builder's servers)");
        }
        return new NatsLogin("without credentials", "The server requires a login: set kincir.nats.username and "
                + "kincir.nats.password, kincir.nats.token or kincir.nats.credentials-file (or the builder's)");
    }

    /**
     * @param servers the servers, without credentials
     * @param cause the client's failure
     * @return the failure to throw
     */
    AuthenticationFailedException refused(String servers, Throwable cause) {
        return new AuthenticationFailedException("NATS at " + servers + " refused the login: authentication failed "
                + who, check, cause);
    }
}
