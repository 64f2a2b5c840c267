package io.kincir;

/** A payload could not be converted to or from the type an application asked for. */
public class MessageConversionException extends KincirException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be converted, and why
     * @param cause the converter's failure, may be null
     */
    public MessageConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}
