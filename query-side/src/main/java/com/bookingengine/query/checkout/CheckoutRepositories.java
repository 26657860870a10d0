package com.bookingengine.query.checkout;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface CheckoutServiceRepository extends JpaRepository<CheckoutService, String> {
}

interface CheckoutPlanRepository extends JpaRepository<CheckoutPlan, String> {
    List<CheckoutPlan> findByContactIdOrderByNameAscPlanIdAsc(String contactId);
}
