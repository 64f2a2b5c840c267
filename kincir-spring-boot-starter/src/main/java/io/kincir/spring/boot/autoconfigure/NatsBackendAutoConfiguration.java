package io.kincir.spring.boot.autoconfigure;

import io.kincir.Backend;
import io.kincir.nats.NatsBackend;
import io.kincir.nats.NatsSettings;
import io.nats.client.Connection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code kincir.backend=nats}: a {@link NatsBackend}. Spring Boot does not configure NATS, so the
 * connection comes from an application's own {@link Connection} bean, which the backend uses and does
 * not close, or else from {@code kincir.nats.*} (servers, credentials, an SSL bundle for TLS), which
 * also holds Kincir's own settings. Without kincir-nats, {@link MissingBackendConfiguration} fails the
 * start-up naming the dependency to add.
 */
@AutoConfiguration(before = KincirAutoConfiguration.class)
@ConditionalOnKincirBackend("nats")
@EnableConfigurationProperties(KincirProperties.class)
public final class NatsBackendAutoConfiguration {

    @Bean
    BackendSupport kincirNatsSupport() {
        return new BackendSupport("nats", null, NatsBackendAutoConfiguration.class);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(NatsBackend.class)
    static final class NatsBackendConfiguration {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(Backend.class)
        NatsBackend kincirBackend(KincirProperties properties, ObjectProvider<Connection> connection,
                ObjectProvider<SslBundles> sslBundles) {
            KincirProperties.Nats nats = properties.getNats();
            NatsBackend.Builder builder = NatsBackend.builder().settings(settings(nats));
            Connection own = connection.getIfUnique();
            if (own != null) {
                return builder.connection(own).build();
            }
            builder.servers(nats.getServers().toArray(String[]::new));
            if (nats.getUsername() != null) {
                builder.credentials(nats.getUsername(), nats.getPassword());
            }
            if (nats.getToken() != null) {
                builder.token(nats.getToken());
            }
            if (nats.getCredentialsFile() != null) {
                builder.credentialsFile(nats.getCredentialsFile());
            }
            if (nats.getSslBundle() != null) {
                SslBundles bundles = sslBundles.getIfAvailable();
                if (bundles == null) {
                    throw new IllegalStateException("kincir.nats.ssl-bundle=" + nats.getSslBundle() + " names an SSL "
                            + "bundle, but the application has no SslBundles bean: define the bundle under "
                            + "spring.ssl.bundle.*");
                }
                builder.sslContext(bundles.getBundle(nats.getSslBundle()).createSslContext());
            }
            return builder.build();
        }

        /** Here, not on the properties: they must bind without kincir-nats on the classpath. */
        static NatsSettings settings(KincirProperties.Nats nats) {
            return new NatsSettings(nats.getPullBatch(), nats.getAckWait(), nats.getPublishTimeout(),
                    nats.getMaxPublishesInFlight(), nats.isPersistent(), nats.getReplicas(), nats.getMaxAge());
        }
    }
}
