package io.kincir.spi;

/** Sizes of text in UTF-8, which every backend's limits count in, without encoding it. */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * @param text some text
     * @return how many bytes its UTF-8 encoding takes (a lone surrogate as the one byte {@code ?} it
     *     encodes to takes three here: an upper bound is what a limit needs)
     */
    public static int length(String text) {
        int length = text.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 2; // four bytes for the two chars of the pair
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }
}
