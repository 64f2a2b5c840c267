package io.kincir.listener;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each consumer counts what it handled on its own; the listener's count is theirs added up, finished ones included. */
class TallyTest {

    @Test
    void theHandledCountAddsUpRunningConsumersAndKeepsWhatFinishedOnesHandled() {
        Tally tally = new Tally();
        Tally.Handled first = tally.countHandled();
        Tally.Handled second = tally.countHandled();
        first.add(3);
        second.add(1);
        second.add(0);
        assertThat(tally.handled()).isEqualTo(4);

        tally.retire(first);
        tally.retire(first);
        Tally.Handled next = tally.countHandled();
        next.add(2);

        assertThat(tally.handled()).as("a finished consumer's count, kept once").isEqualTo(6);
    }
}
