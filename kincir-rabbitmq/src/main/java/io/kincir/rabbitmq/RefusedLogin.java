package io.kincir.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import io.kincir.AuthenticationFailedException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * Tells a login the broker refused — wrong credentials, or a virtual host the user may not use — apart
 * from a broker that cannot be reached, for every place that opens a connection, so that the failure
 * names the user and the virtual host and says what to check. The password is never part of it: the
 * broker does not echo it, and the factory is asked only for the user.
 */
final class RefusedLogin {

    /** AMQP's {@code NOT_ALLOWED}: the broker closes the connection with it when the user may not use the virtual host. */
    private static final int NOT_ALLOWED = 530;

    private RefusedLogin() {
    }

    /**
     * @param failure how opening a connection (or something that opened one) failed
     * @param factory the connection factory that tried, for its host, user and virtual host
     * @return the refusal explained, or null if the broker did not refuse the login
     */
    static AuthenticationFailedException explain(Throwable failure, ConnectionFactory factory) {
        String broker = "RabbitMQ at " + factory.getHost() + ":" + factory.getPort() + " refused the login: ";
        String user = "'" + factory.getUsername() + "'";
        String virtualHost = "'" + factory.getVirtualHost() + "'";
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PossibleAuthenticationFailureException) {
                return new AuthenticationFailedException(broker + "authentication failed for user " + user
                        + " on virtual host " + virtualHost, "Check spring.rabbitmq.username and "
                        + "spring.rabbitmq.password (or the builder's credentials), and that the user exists on the "
                        + "broker (rabbitmqctl list_users)", failure);
            }
            if (cause instanceof ShutdownSignalException signal && signal.getReason() instanceof AMQP.Connection.Close close
                    && close.getReplyCode() == NOT_ALLOWED) {
                return new AuthenticationFailedException(broker + "user " + user + " may not use virtual host "
                        + virtualHost + " (" + close.getReplyText() + ")", "Check spring.rabbitmq.virtual-host (or the "
                        + "builder's virtual host), that the virtual host exists (rabbitmqctl list_vhosts) and that the "
                        + "user has permissions on it (rabbitmqctl set_permissions -p " + factory.getVirtualHost() + " "
                        + factory.getUsername() + " '.*' '.*' '.*')", failure);
            }
        }
        return null;
    }
}
