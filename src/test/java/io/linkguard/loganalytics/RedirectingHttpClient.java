package io.linkguard.loganalytics;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Test seam: the client keeps its real https endpoint, and this transport rewrites scheme/host/port to
 * a local http stub just before sending, so the whole production pipeline (auth, retry, rate limit,
 * headers) still runs. Optionally overrides the per-request response timeout the SDK puts in the
 * context (server timeout + 5 s) so timeout tests finish quickly; Netty honours the override.
 */
public final class RedirectingHttpClient implements HttpClient {
    /** The context key azure-core-http-netty reads; set by azure-monitor-query to serverTimeout + 5 s. */
    static final String RESPONSE_TIMEOUT_KEY = "azure-response-timeout";

    private final HttpClient delegate = HttpClient.createDefault();
    private final int port;
    private final Duration responseTimeout;
    /** The URL the pipeline wanted to reach, before rewriting. */
    volatile URL lastOriginalUrl;

    public RedirectingHttpClient(int port) {
        this(port, null);
    }

    RedirectingHttpClient(int port, Duration responseTimeout) {
        this.port = port;
        this.responseTimeout = responseTimeout;
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return send(request, Context.NONE);
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request, Context context) {
        return delegate.send(redirect(request), adjust(context));
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        return delegate.sendSync(redirect(request), adjust(context));
    }

    private Context adjust(Context context) {
        return responseTimeout == null ? context : context.addData(RESPONSE_TIMEOUT_KEY, responseTimeout);
    }

    private HttpRequest redirect(HttpRequest request) {
        URL url = request.getUrl();
        lastOriginalUrl = url;
        if (!"https".equals(url.getProtocol())) {
            throw new IllegalStateException("the production pipeline should send https, got " + url);
        }
        try {
            HttpRequest copy = request.copy();
            copy.setUrl(new URL("http", "127.0.0.1", port, url.getFile()));
            return copy;
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
