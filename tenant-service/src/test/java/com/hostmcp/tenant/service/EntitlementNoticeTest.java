package com.hostmcp.tenant.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.hostmcp.tenant.Entitlement.State;

/** Which entitlement changes the owners hear about: entering SUSPENDED, and getting back to ACTIVE from unpaid. */
class EntitlementNoticeTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "NONE, SUSPENDED, SUSPENDED",
            "ACTIVE, SUSPENDED, SUSPENDED",
            "PAST_DUE, SUSPENDED, SUSPENDED",
            "TRIAL, SUSPENDED, SUSPENDED",
            "SUSPENDED, SUSPENDED, NONE",
            "SUSPENDED, ACTIVE, REACTIVATED",
            "PAST_DUE, ACTIVE, REACTIVATED",
            "ACTIVE, ACTIVE, NONE",
            "TRIAL, ACTIVE, NONE",
            "CANCELED, ACTIVE, NONE",
            "NONE, ACTIVE, NONE",
            "ACTIVE, PAST_DUE, NONE",
            "ACTIVE, CANCELED, NONE",
            "SUSPENDED, CANCELED, NONE",
            "NONE, TRIAL, NONE"
    })
    void ownersAreToldAboutSuspensionAndReactivationOnly(String previous, State next, String expected) {
        Optional<State> before = previous.equals("NONE") ? Optional.empty() : Optional.of(State.valueOf(previous));

        Optional<EntitlementService.Notice> notice = EntitlementService.noticeFor(before, next);

        assertThat(notice.map(Enum::name).orElse("NONE")).isEqualTo(expected);
    }
}
