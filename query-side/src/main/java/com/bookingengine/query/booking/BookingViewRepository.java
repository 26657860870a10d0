package com.bookingengine.query.booking;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface BookingViewRepository extends JpaRepository<BookingEntity, String>, JpaSpecificationExecutor<BookingEntity> {
}
