package com.bookingengine.platform.security;

/**
 * Where the API key may also come as {@code ?access_token=<key>} (RFC 6750 §2.3): the live streams only, because
 * browsers' EventSource cannot set headers. The filter accepts it there, and the API description documents it there.
 */
public final class QueryStringKey {

    public static final String PARAMETER = "access_token";
    private static final String PATHS = "/api/v1/stream/";

    private QueryStringKey() {
    }

    /** Whether a request to (or an operation of) this path may carry the key as {@link #PARAMETER}. */
    public static boolean allowedOn(String path) {
        return path.startsWith(PATHS);
    }
}
