package io.linkguard.pipeline;

/**
 * Where the HTTP and Event Grid triggers put the targeted evaluations they accepted, so they can answer at
 * once; a queue-triggered worker runs them (an Azure Storage queue in the app's storage account).
 */
public interface EvaluationQueue {

    /** Queues the request; throws when the queue cannot be reached (the trigger then answers with a failure). */
    void enqueue(EvaluationRequest request);
}
