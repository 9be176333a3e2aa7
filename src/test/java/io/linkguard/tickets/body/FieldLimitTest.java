package io.linkguard.tickets.body;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldLimitTest {

    @Test
    void aTextWithinTheLimitIsKeptWhole() {
        assertThat(FieldLimit.truncate("short", 5)).isEqualTo("short");
    }

    @Test
    void aLongerTextIsCutToTheLimitWithANote() {
        String note = "\n[... cut to 40 characters]";

        String cut = FieldLimit.truncate("x".repeat(100), 40);

        assertThat(cut).hasSize(40).isEqualTo("x".repeat(40 - note.length()) + note);
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String note = "\n[... cut to 40 characters]";
        String text = "x".repeat(40 - note.length() - 1) + "😀" + "y".repeat(50);

        String cut = FieldLimit.truncate(text, 40);

        assertThat(cut).isEqualTo("x".repeat(40 - note.length() - 1) + note);
    }
}
