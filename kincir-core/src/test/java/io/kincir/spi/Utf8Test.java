package io.kincir.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void countsUtf8BytesAsTheEncoderDoes() {
        for (String text : List.of("", "plain", "é", "€uro", "\uD83D\uDE00 smile", "mixed é € \uD83D\uDE00")) {
            assertThat(Utf8.length(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
