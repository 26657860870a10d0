package com.bookingengine.query.catalogue;

import com.bookingengine.api.catalogue.FindServiceQuery;
import com.bookingengine.api.catalogue.ListServicesQuery;
import com.bookingengine.api.catalogue.ServiceList;
import com.bookingengine.api.catalogue.ServiceView;
import com.bookingengine.platform.error.NotFoundException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Catalogue queries over HTTP; any authenticated caller may read the catalogue. */
@RestController
@RequestMapping("/api/v1/services")
class CatalogueQueryController {

    private final QueryGateway queries;

    CatalogueQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    ServiceList list() {
        return queries.query(new ListServicesQuery(), ServiceList.class).join();
    }

    @GetMapping("/{serviceId}")
    ServiceView get(@PathVariable String serviceId) {
        return queries.query(new FindServiceQuery(serviceId), ResponseTypes.optionalInstanceOf(ServiceView.class))
                .join()
                .orElseThrow(() -> new NotFoundException("Service " + serviceId + " does not exist"));
    }
}
