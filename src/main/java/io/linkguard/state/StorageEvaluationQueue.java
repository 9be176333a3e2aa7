package io.linkguard.state;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.util.ClientOptions;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import io.linkguard.config.QueueStorageSettings;
import io.linkguard.pipeline.EvaluationQueue;
import io.linkguard.pipeline.EvaluationRequest;
import io.linkguard.pipeline.EvaluationRequests;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The evaluation queue as an Azure Storage queue, {@value #QUEUE} in the Functions host's storage account (the
 * worker's queue trigger listens on it; after {@code maxDequeueCount} failed attempts the host moves a message to
 * {@value #POISON_QUEUE}). Messages are Base64, the queue extension's default {@code messageEncoding}. The queue
 * is created on the first enqueue of this worker. Retries are short (2 tries of at most 2 s each): a trigger must
 * answer well within an action group's 10 s, and a request that could not be queued is answered 503 (the action
 * group retries it) rather than after azure-core's default minute of retries.
 */
public final class StorageEvaluationQueue implements EvaluationQueue {
    public static final String QUEUE = "linkguard-evaluations";
    public static final String POISON_QUEUE = QUEUE + "-poison";

    private final QueueClient queue;
    private volatile boolean created;

    public StorageEvaluationQueue(QueueClient queue) {
        this.queue = queue;
    }

    /** A client of {@code name} for the configured storage; {@code httpClient} may be null (azure-core's default). */
    public static QueueClient client(QueueStorageSettings storage, Supplier<TokenCredential> credential, HttpClient httpClient,
                                     String name) {
        QueueClientBuilder builder = new QueueClientBuilder().queueName(name).messageEncoding(QueueMessageEncoding.BASE64)
                .clientOptions(new ClientOptions().setApplicationId("linkguard"))
                .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 2, Duration.ofSeconds(2),
                        Duration.ofMillis(200), Duration.ofSeconds(1), null));
        if (storage.endpoint().isPresent()) {
            builder.endpoint(storage.endpoint().get().toString()).credential(credential.get());
        } else if (storage.connectionString().filter(c -> !c.isEmpty()).isPresent()) {
            builder.connectionString(storage.connectionString().get());
        } else {
            throw new IllegalStateException("no evaluation queue: set AzureWebJobsStorage__accountName or "
                    + "AzureWebJobsStorage__queueServiceUri (managed identity), or AzureWebJobsStorage");
        }
        if (httpClient != null) {
            builder.httpClient(httpClient);
        }
        return builder.buildClient();
    }

    @Override
    public void enqueue(EvaluationRequest request) {
        if (!created) {
            queue.createIfNotExists();
            created = true;
        }
        queue.sendMessage(EvaluationRequests.toJson(request));
    }
}
