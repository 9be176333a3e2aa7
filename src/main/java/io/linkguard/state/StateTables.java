package io.linkguard.state;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.ClientOptions;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import io.linkguard.config.TableStorageSettings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * LinkGuard's two tables in the app's storage account: {@code <prefix>State} (per-identity connection state,
 * debounce marks, leases, the scheduled-run watermark) and {@code <prefix>Runs} (the run ledger). Each is
 * created on first use by this worker, so a trigger that needs neither never calls the service.
 */
public final class StateTables {
    public static final String DEFAULT_PREFIX = "LinkGuard";

    private final TableServiceClient service;
    private final String prefix;
    private final Map<String, TableClient> opened = new ConcurrentHashMap<>();

    public StateTables(TableServiceClient service, String prefix) {
        if (!prefix.matches("[A-Za-z][A-Za-z0-9]{0,54}")) {
            throw new IllegalArgumentException("table prefix must be letters and digits, starting with a letter: " + prefix);
        }
        this.service = service;
        this.prefix = prefix;
    }

    /**
     * The service client for the configured storage: a Table endpoint with the managed identity's token, or a
     * connection string (Azurite locally). {@code httpClient} may be null (azure-core's default transport), and
     * {@code retry} null for azure-core's default retries.
     */
    public static TableServiceClient client(TableStorageSettings storage, Supplier<TokenCredential> credential,
                                            HttpClient httpClient, RetryOptions retry) {
        TableServiceClientBuilder builder = new TableServiceClientBuilder()
                .clientOptions(new ClientOptions().setApplicationId("linkguard"));
        if (storage.endpoint().isPresent()) {
            builder.endpoint(storage.endpoint().get().toString()).credential(credential.get());
        } else {
            builder.connectionString(storage.connectionString().orElseThrow());
        }
        if (httpClient != null) {
            builder.httpClient(httpClient);
        }
        if (retry != null) {
            builder.retryOptions(retry);
        }
        return builder.buildClient();
    }

    public TableClient state() {
        return table(prefix + "State");
    }

    public TableClient runs() {
        return table(prefix + "Runs");
    }

    /** Opened once (a failed open is tried again on the next use). */
    private TableClient table(String name) {
        return opened.computeIfAbsent(name, this::open);
    }

    private TableClient open(String name) {
        service.createTableIfNotExists(name);
        return service.getTableClient(name);
    }
}
