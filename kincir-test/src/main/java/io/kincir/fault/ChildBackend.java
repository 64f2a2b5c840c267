package io.kincir.fault;

import io.kincir.Backend;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How a child JVM builds the backend under test: the {@link BackendFactory} class it instantiates, and
 * the arguments it calls it with.
 *
 * @param factory a {@link BackendFactory} with a constructor without arguments, on the test classpath
 * @param arguments passed to {@link BackendFactory#create(List)}
 */
public record ChildBackend(Class<? extends BackendFactory> factory, List<String> arguments) {

    /** @throws NullPointerException if the factory or an argument is missing */
    public ChildBackend {
        Objects.requireNonNull(factory, "factory");
        arguments = List.copyOf(arguments);
    }

    /**
     * @param factory the factory class
     * @param arguments its arguments
     * @return how a child builds its backend
     */
    public static ChildBackend of(Class<? extends BackendFactory> factory, String... arguments) {
        return new ChildBackend(factory, List.of(arguments));
    }

    /** @return the factory's class name, then the arguments: the tail of a child's command line */
    List<String> commandLine() {
        return Stream.concat(Stream.of(factory.getName()), arguments.stream()).toList();
    }

    /**
     * Builds the backend a command line names, in the child.
     *
     * @param commandLine the factory's class name, then its arguments
     * @return the backend
     */
    static Backend create(List<String> commandLine) {
        if (commandLine.isEmpty()) {
            throw new IllegalArgumentException("The command line names no BackendFactory class");
        }
        try {
            Constructor<? extends BackendFactory> constructor = Class.forName(commandLine.get(0))
                    .asSubclass(BackendFactory.class).getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance().create(commandLine.subList(1, commandLine.size()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("Cannot instantiate the BackendFactory '" + commandLine.get(0)
                    + "': it needs a constructor without arguments and must be on the classpath", e);
        }
    }
}
