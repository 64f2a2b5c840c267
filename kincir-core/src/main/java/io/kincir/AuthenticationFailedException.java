package io.kincir;

/**
 * The server refused the client's login, or what it asked to use with it (a virtual host, an account):
 * nothing was done, and trying again cannot help until the credentials or the server's permissions
 * change. The message names the user and what identifies the login, never a password or token, and
 * says what to check.
 */
public class AuthenticationFailedException extends BackendUnavailableException {

    private static final long serialVersionUID = 1L;

    private final String problem;
    private final String check;

    /**
     * @param problem what the server refused, and for whom: "RabbitMQ at host:5672 refused the login:
     *     authentication failed for user 'orders' on virtual host 'shop'"
     * @param check what to check, naming the settings: "Check spring.rabbitmq.username and …"
     * @param cause the client's failure
     */
    public AuthenticationFailedException(String problem, String check, Throwable cause) {
        super(problem + ". " + check, cause);
        this.problem = problem;
        this.check = check;
    }

    /** @return what the server refused, and for whom */
    public String problem() {
        return problem;
    }

    /** @return what to check, naming the settings */
    public String check() {
        return check;
    }
}
