package com.bookingengine.query.position;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts {@link MinPositionInterceptor} in front of the query endpoints. */
@Configuration(proxyBeanMethods = false)
class PositionWebConfiguration implements WebMvcConfigurer {

    private final MinPositionInterceptor interceptor;

    PositionWebConfiguration(MinPositionInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor).addPathPatterns("/api/v1/**");
    }
}
