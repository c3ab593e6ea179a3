package dev.vigil.app.access;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamedSecretsTest {

    @Test
    void findsTheNameOfASecretAndTheSecretOfAName() {
        NamedSecrets secrets = NamedSecrets.parse("vigil.api.keys", " ops:k1 , ci:k2,,");
        assertThat(secrets.nameOf("k2")).contains("ci");
        assertThat(secrets.nameOf(" k1 ")).contains("ops");
        assertThat(secrets.nameOf("k3")).isEmpty();
        assertThat(secrets.secretOf("ops")).contains("k1");
        assertThat(secrets.secretOf("nobody")).isEmpty();
        assertThat(NamedSecrets.parse("vigil.api.keys", "").isEmpty()).isTrue();
    }

    @Test
    void aMalformedEntryNamesTheKeyAndItsPlaceButNeverItsText() {
        assertThatThrownBy(() -> NamedSecrets.parse("vigil.console.users", "alice:a1,bobs-password"))
                .hasMessage("vigil.console.users: an entry is not name:secret (entry 2)");
        assertThatThrownBy(() -> NamedSecrets.parse("vigil.console.users", "alice:"))
                .hasMessageNotContaining("alice");
        assertThatThrownBy(() -> NamedSecrets.parse("vigil.console.users", ":secret"))
                .hasMessageContaining("entry 1");
    }
}
