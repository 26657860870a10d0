package com.bookingengine.standalone;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.time.Duration;

/** Holds a successful command's response until the projections have seen its events (embedded default only). */
@ControllerAdvice(basePackages = "com.bookingengine.command")
class ReadYourWritesAdvice implements ResponseBodyAdvice<Object> {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final ProjectionCatchUp catchUp;

    ReadYourWritesAdvice(ProjectionCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (!(body instanceof ProblemDetail)) {
            catchUp.await(PATIENCE);
        }
        return body;
    }
}
