package io.kincir.spring;

import io.kincir.KincirException;

/**
 * A {@link KincirListener} method or its attributes cannot work: thrown when the application starts.
 * {@link #problem()} names the method and what is wrong, {@link #fix()} what would work (for a
 * signature, every allowed kind of parameter, with examples).
 */
public class InvalidKincirListenerException extends KincirException {

    private static final long serialVersionUID = 1L;

    private final String problem;
    private final String fix;

    /**
     * @param problem the method and what is wrong with it
     * @param fix what would work
     */
    public InvalidKincirListenerException(String problem, String fix) {
        super(problem + "\n" + fix);
        this.problem = problem;
        this.fix = fix;
    }

    /** @return the method and what is wrong with it */
    public String problem() {
        return problem;
    }

    /** @return what would work */
    public String fix() {
        return fix;
    }
}
