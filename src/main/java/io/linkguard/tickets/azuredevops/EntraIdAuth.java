package io.linkguard.tickets.azuredevops;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import io.linkguard.tickets.Redactor;
import io.linkguard.tickets.TicketSinkException;
import io.linkguard.tickets.http.HttpAuth;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A Microsoft Entra ID bearer token for Azure DevOps (the function app's managed identity, added to the
 * organization as a user), refreshed five minutes before it expires.
 */
final class EntraIdAuth implements HttpAuth {
    /** The Azure DevOps resource's application id: the token audience. */
    static final String SCOPE = "499b84ac-1321-427f-aa17-267ca6975798/.default";
    private static final Duration EARLY = Duration.ofMinutes(5);

    private final TokenCredential credential;
    private final Clock clock;
    private Redactor redactor;
    private AccessToken token;

    EntraIdAuth(TokenCredential credential, Clock clock) {
        this.credential = Objects.requireNonNull(credential, "credential");
        this.clock = clock;
    }

    @Override
    public synchronized String authorization() throws TicketSinkException {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (token == null || token.getExpiresAt() == null || !now.isBefore(token.getExpiresAt().minus(EARLY))) {
            try {
                token = credential.getTokenSync(new TokenRequestContext().addScopes(SCOPE));
            } catch (RuntimeException e) {
                throw new TicketSinkException(TicketSinkException.Kind.MISCONFIGURED, "azuredevops Entra ID token: "
                        + e.getClass().getSimpleName() + "; is a managed identity assigned to the app?");
            }
            if (token == null || token.getToken() == null) {
                throw new TicketSinkException(TicketSinkException.Kind.MISCONFIGURED, "azuredevops Entra ID token: none issued");
            }
            if (redactor != null) {
                redactor.addValue(token.getToken());
            }
        }
        return "Bearer " + token.getToken();
    }

    @Override
    public void registerSecrets(Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public String toString() {
        return "EntraIdAuth[" + SCOPE + "]";
    }
}
