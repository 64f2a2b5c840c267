package io.kincir.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlsTest {

    @Test
    void aUserPasswordOrTokenIsMasked() {
        assertThat(Urls.withoutCredentials("nats://orders:s3cret@127.0.0.1:4222")).isEqualTo("nats://****@127.0.0.1:4222");
        assertThat(Urls.withoutCredentials("redis://:s3cret@localhost:6379/0")).isEqualTo("redis://****@localhost:6379/0");
        assertThat(Urls.withoutCredentials("nats://token@a:4222,nats://b:4222,tls://u:p@c:4222"))
                .isEqualTo("nats://****@a:4222,nats://b:4222,tls://****@c:4222");
    }

    @Test
    void aUrlWithoutCredentialsIsUnchanged() {
        assertThat(Urls.withoutCredentials("nats://127.0.0.1:4222")).isEqualTo("nats://127.0.0.1:4222");
        assertThat(Urls.withoutCredentials("localhost:9092,other:9092")).isEqualTo("localhost:9092,other:9092");
        assertThat(Urls.withoutCredentials("http://host/path?user=a@b")).isEqualTo("http://host/path?user=a@b");
        assertThat(Urls.withoutCredentials(null)).isNull();
    }
}
