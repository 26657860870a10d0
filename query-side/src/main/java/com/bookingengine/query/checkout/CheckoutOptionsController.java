package com.bookingengine.query.checkout;

import com.bookingengine.api.payment.CheckoutOptions;
import com.bookingengine.api.payment.CheckoutOptionsQuery;
import com.bookingengine.platform.error.InvalidInputException;
import com.bookingengine.platform.error.NotFoundException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /checkout-options?serviceId&contactId}: how a contact may pay for a service (BOOKER, OWNER). */
@RestController
@RequestMapping("/api/v1/checkout-options")
class CheckoutOptionsController {

    private final QueryGateway queries;

    CheckoutOptionsController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    CheckoutOptions options(@RequestParam String serviceId, @RequestParam String contactId) {
        if (serviceId.isBlank()) {
            throw new InvalidInputException("serviceId", "Query parameter 'serviceId' must not be blank");
        }
        if (contactId.isBlank()) {
            throw new InvalidInputException("contactId", "Query parameter 'contactId' must not be blank");
        }
        return queries.query(new CheckoutOptionsQuery(serviceId, contactId),
                        ResponseTypes.optionalInstanceOf(CheckoutOptions.class)).join()
                .orElseThrow(() -> new NotFoundException("Service " + serviceId + " does not exist"));
    }
}
