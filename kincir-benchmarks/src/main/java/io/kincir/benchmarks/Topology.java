package io.kincir.benchmarks;

/** Who publishes and who receives: every group gets every message, a group's members share them. */
enum Topology {

    /** One publisher, one group of one receiver: the plain hand-off. */
    ONE_TO_ONE(1, 1, 1),
    /** One publisher, three groups of one receiver each: every message is delivered three times. */
    ONE_TO_THREE_GROUPS(1, 3, 1),
    /** Four publishers, one group of two competing receivers. */
    FOUR_TO_GROUP_OF_TWO(4, 1, 2);

    final int publishers;
    final int groups;
    final int membersPerGroup;

    Topology(int publishers, int groups, int membersPerGroup) {
        this.publishers = publishers;
        this.groups = groups;
        this.membersPerGroup = membersPerGroup;
    }

    int receivers() {
        return groups * membersPerGroup;
    }
}
