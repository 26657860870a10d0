package com.bookingengine.query.checkout;

import com.bookingengine.api.catalogue.PaymentOption;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.Set;

/** What the checkout read model knows of a service: the payment options it accepts now. */
@Entity
@Table(name = "checkout_service")
class CheckoutService {

    @Id
    String serviceId;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(length = 200)
    Set<PaymentOption> paymentOptions;

    protected CheckoutService() {
    }

    CheckoutService(String serviceId, Set<PaymentOption> paymentOptions) {
        this.serviceId = serviceId;
        this.paymentOptions = paymentOptions;
    }
}

/** A contact's membership plan: the services it covers and the credits left on it. */
@Entity
@Table(name = "checkout_plan", indexes = @Index(name = "checkout_plan_contact", columnList = "contactId"))
class CheckoutPlan {

    @Id
    String planId;
    String contactId;
    @Column(length = 200)
    String name;
    int remainingCredits;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(length = 20_000)
    Set<String> serviceIds;

    protected CheckoutPlan() {
    }

    CheckoutPlan(String planId, String contactId, String name, int remainingCredits, Set<String> serviceIds) {
        this.planId = planId;
        this.contactId = contactId;
        this.name = name;
        this.remainingCredits = remainingCredits;
        this.serviceIds = serviceIds;
    }
}
