package io.kincir.nats;

import io.kincir.BackendHealth;
import io.kincir.BackendUnavailableException;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.AccountStatistics;
import io.nats.client.api.ServerInfo;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Up when the connection is connected and JetStream answers for the account, with the server's
 * version and the account's streams, consumers and storage; down with the reason otherwise.
 */
final class NatsHealth {

    private NatsHealth() {
    }

    static BackendHealth check(LazyConnection lazy, int subscribers, long expired) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("backend", "nats");
        details.put("servers", lazy.servers());
        Connection connection;
        try {
            connection = lazy.get();
        } catch (BackendUnavailableException e) {
            return BackendHealth.down(e.getMessage(), details);
        }
        Connection.Status status = connection.getStatus();
        details.put("connection", status.name());
        if (status != Connection.Status.CONNECTED) {
            String lastError = connection.getLastError();
            return BackendHealth.down("The connection to NATS at " + lazy.servers() + " is " + status
                    + (lastError == null || lastError.isBlank() ? "" : " (" + lastError + ")"), details);
        }
        ServerInfo server = connection.getServerInfo();
        details.put("version", server.getVersion());
        details.put("server", server.getServerName());
        details.put("maxPayload", server.getMaxPayload());
        try {
            AccountStatistics account = lazy.management().getAccountStatistics();
            details.put("streams", account.getStreams());
            details.put("consumers", account.getConsumers());
            details.put("storageBytes", account.getStorage());
            details.put("memoryBytes", account.getMemory());
        } catch (IOException | JetStreamApiException | BackendUnavailableException e) {
            return BackendHealth.down("JetStream does not answer on NATS at " + lazy.servers() + ": "
                    + LazyConnection.rootMessage(e) + ". Start nats-server with JetStream on (-js)", details);
        }
        details.put("subscribers", subscribers);
        details.put("expired", expired);
        return BackendHealth.up(details);
    }
}
