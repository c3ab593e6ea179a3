package dev.vigil.alerting.lifecycle;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfirmationPolicyTest {

    @Test
    void acceptsOneOfOneAndNOfM() {
        assertThat(new ConfirmationPolicy(1, 1, 1).anomalousWindows()).isEqualTo(1);
        ConfirmationPolicy policy = new ConfirmationPolicy(3, 5, 2);
        assertThat(policy.anomalousWindows()).isEqualTo(3);
        assertThat(policy.ofLastWindows()).isEqualTo(5);
        assertThat(policy.recoveryWindows()).isEqualTo(2);
        assertThat(new ConfirmationPolicy(4, 4, 1).ofLastWindows()).isEqualTo(4);
    }

    @Test
    void rejectsNBelowOne() {
        assertThatThrownBy(() -> new ConfirmationPolicy(0, 5, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("N=0");
    }

    @Test
    void rejectsMSmallerThanN() {
        assertThatThrownBy(() -> new ConfirmationPolicy(3, 2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("M=2");
    }

    @Test
    void rejectsRecoveryBelowOne() {
        assertThatThrownBy(() -> new ConfirmationPolicy(1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recovery=0");
    }
}
