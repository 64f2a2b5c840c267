package io.kincir.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each round moves exactly the messages it claims, to every group, on every transport; speed is never asserted. */
class PipelineTest {

    static Stream<Arguments> setups() {
        return Stream.of(Topology.values()).flatMap(topology -> Contender.ALL.stream()
                .flatMap(contender -> Stream.of(1, 100).map(batch -> Arguments.of(topology, contender, batch))));
    }

    @ParameterizedTest(name = "{0} {1} batch {2}")
    @MethodSource("setups")
    void everyRoundDeliversEachMessageOnceToEveryGroup(Topology topology, String contender, int batch) throws Exception {
        Pipeline pipeline = new Pipeline(topology, Contender.create(contender, topology, batch), 7, batch);
        int rounds = 2;
        for (int i = 0; i < rounds; i++) {
            assertThat(pipeline.runRound()).isEqualTo(Pipeline.MESSAGES);
        }
        pipeline.close();

        assertThat(pipeline.missing()).as("no delivery missing, none extra").isZero();
        assertThat(pipeline.receivedBytes()).isEqualTo((long) rounds * Pipeline.MESSAGES * topology.groups * 7);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void closingStopsEveryReceiverEvenWithNothingSent(Topology topology, String contender) throws Exception {
        Pipeline pipeline = new Pipeline(topology, Contender.create(contender, topology, 100), 1, 100);

        pipeline.close();

        assertThat(pipeline.receivedBytes()).isZero();
        assertThat(pipeline.missing()).isZero();
    }

    static Stream<Arguments> transports() {
        return Stream.of(Topology.values()).flatMap(topology -> Contender.ALL.stream().map(contender -> Arguments.of(topology, contender)));
    }
}
