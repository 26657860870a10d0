package com.bookingengine.api.catalogue;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceViewTest {

    @Test
    void paymentOptionsAreListedInOneOrderWhateverOrderTheyCameIn() {
        List<List<PaymentOption>> arrivals = List.of(
                List.of(PaymentOption.IN_PERSON, PaymentOption.ONLINE),
                List.of(PaymentOption.ONLINE, PaymentOption.IN_PERSON),
                List.of(PaymentOption.MEMBERSHIP, PaymentOption.IN_PERSON, PaymentOption.ONLINE));
        for (List<PaymentOption> arrival : arrivals) {
            ServiceView view = new ServiceView("s", "n", ServiceType.CLASS, "UTC", null, null,
                    new LinkedHashSet<>(arrival), false, List.of(), null, 1, List.of(), null, null, null);
            assertThat(List.copyOf(view.paymentOptions())).as(arrival.toString())
                    .isEqualTo(arrival.stream().sorted().toList());
        }
    }
}
