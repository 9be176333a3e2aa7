package io.linkguard.tickets.http;

import io.linkguard.tickets.Redactor;
import io.linkguard.tickets.Secret;
import io.linkguard.tickets.TicketSinkException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** The Authorization header of a sink's requests. Implementations hold secrets: none prints them. */
public interface HttpAuth {

    /** The header value, fetching or refreshing a token when needed. */
    String authorization() throws TicketSinkException;

    /** Adds every secret this auth holds or derives (header values included) to the redactor. */
    void registerSecrets(Redactor redactor);

    /** HTTP Basic: ServiceNow user and password, or an Azure DevOps PAT with an empty user name. */
    static HttpAuth basic(String user, Secret password) {
        return new Basic(user, password);
    }

    /** A fixed bearer token (a GitHub token). */
    static HttpAuth bearer(Secret token) {
        return new Bearer(token);
    }

    final class Basic implements HttpAuth {
        private final String user;
        private final Secret password;

        Basic(String user, Secret password) {
            this.user = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(password, "password");
        }

        @Override
        public String authorization() {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void registerSecrets(Redactor redactor) {
            redactor.add(password);
            redactor.addValue(authorization().substring("Basic ".length()));
        }

        @Override
        public String toString() {
            return "Basic[user=" + user + ", password=***]";
        }
    }

    final class Bearer implements HttpAuth {
        private final Secret token;

        Bearer(Secret token) {
            this.token = Objects.requireNonNull(token, "token");
        }

        @Override
        public String authorization() {
            return "Bearer " + token.reveal();
        }

        @Override
        public void registerSecrets(Redactor redactor) {
            redactor.add(token);
        }

        @Override
        public String toString() {
            return "Bearer[***]";
        }
    }
}
