package io.kincir.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fields that publishers write on every publish, and those that receivers write on every
 * receive, lie at least a cache line away from any other field, at the offsets the running JVM
 * chose: padding between groups of fields does nothing if the JVM fills a gap of one group with a
 * field of another. Fields written seldom (the flags both ends read, final fields) may share lines.
 */
class InMemoryCacheLinesTest {

    private static final long LINE = 64;

    @Test
    void aGroupQueuesTailAndHeadEachHaveTheirOwnLines() throws Exception {
        assertApart(GroupQueue.class, Map.of(
                CacheLines.Tail.class, "tail", CacheLines.Signals.class, "signals",
                CacheLines.Head.class, "head", GroupQueue.class, "the queue's own fields"),
                Set.of("tail", "head"));
    }

    @Test
    void aRoomsCountersOfPublishersAndOfReceiversEachHaveTheirOwnLines() throws Exception {
        assertApart(Room.class, Map.of(
                CacheLines.Taken.class, "taken", CacheLines.Freed.class, "freed", Room.class, "the room's own fields"),
                Set.of("taken", "freed"));
    }

    @Test
    void aMembersCountOfHandOutsHasItsOwnLine() throws Exception {
        assertApart(HandOuts.class, Map.of(CacheLines.HandedOut.class, "handed out", HandOuts.class, "the count's own fields"),
                Set.of("handed out"));
    }

    private record Placed(String group, String name, long offset) {
    }

    /**
     * Asserts that a field of a busy group is a line apart from every field of another group; padding
     * is left out.
     *
     * @param groups the group of each declaring class's fields
     * @param busy the groups written on every message
     */
    private static void assertApart(Class<?> type, Map<Class<?>, String> groups, Set<String> busy) throws Exception {
        Object unsafe = unsafe();
        Method offsetOf = unsafe.getClass().getMethod("objectFieldOffset", Field.class);
        List<Placed> fields = new ArrayList<>();
        for (Class<?> declaring = type; declaring != Object.class; declaring = declaring.getSuperclass()) {
            String group = groups.get(declaring);
            if (group == null) {
                continue;
            }
            for (Field field : declaring.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    fields.add(new Placed(group, field.getName(), (long) offsetOf.invoke(unsafe, field)));
                }
            }
        }
        assertThat(fields).extracting(Placed::group).containsAll(groups.values());
        List<String> tooClose = new ArrayList<>();
        for (Placed one : fields) {
            for (Placed other : fields) {
                if (busy.contains(one.group()) && !one.group().equals(other.group())
                        && Math.abs(one.offset() - other.offset()) < LINE) {
                    tooClose.add(one.group() + "." + one.name() + " at " + one.offset() + " and " + other.group() + "."
                            + other.name() + " at " + other.offset());
                }
            }
        }
        assertThat(tooClose).as("fields of different groups within %d bytes of each other", LINE).isEmpty();
    }

    private static Object unsafe() throws Exception {
        Field field = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
        field.setAccessible(true);
        return field.get(null);
    }
}
