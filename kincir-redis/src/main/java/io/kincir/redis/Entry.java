package io.kincir.redis;

import io.kincir.Message;

/**
 * An entry a member read and holds (it is pending with the member's consumer until settled).
 *
 * @param source the stream it came from
 * @param id its entry id
 * @param message its message
 */
record Entry(Source source, String id, Message message) {

    /** @return the key under which a member remembers holding it */
    String heldKey() {
        return heldKey(source, id);
    }

    /** @return the key under which a member remembers holding the entry with this id in this stream */
    static String heldKey(Source source, String id) {
        return source.keyText() + " " + id;
    }
}
