package io.linkguard.loganalytics;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Holds each HTTP attempt back until the {@link QueryRateLimiter} permits it. Placed {@code PER_RETRY}
 * (after the retry policy) so retries are counted too: the service counts every request it receives.
 */
final class RateLimitPolicy implements HttpPipelinePolicy {
    private final QueryRateLimiter limiter;

    RateLimitPolicy(QueryRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_RETRY;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.defer(() -> {
            Duration wait = limiter.reserve();
            return wait.isZero() ? next.process() : Mono.delay(wait).then(Mono.defer(next::process));
        });
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        try {
            limiter.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // LogQueryException is never retried (see MonitorQueryLogRunner.shouldRetry).
            throw new LogQueryException("interrupted while waiting for the query rate limit", e);
        }
        return next.processSync();
    }
}
