package com.bookingengine.api.payment;

import com.bookingengine.api.catalogue.PaymentOption;

import java.util.List;

/** The service's accepted payment options, with one {@code MEMBERSHIP} entry per plan of the contact covering it. */
public record CheckoutOptions(List<Option> options) {

    /** One way to pay; a {@code MEMBERSHIP} entry names its plan and the credits left on it. */
    public record Option(PaymentOption option, String planId, String name, Integer remainingCredits) {

        public static Option of(PaymentOption option) {
            return new Option(option, null, null, null);
        }

        public static Option membership(String planId, String name, int remainingCredits) {
            return new Option(PaymentOption.MEMBERSHIP, planId, name, remainingCredits);
        }
    }
}
