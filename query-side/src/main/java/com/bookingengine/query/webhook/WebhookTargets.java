package com.bookingengine.query.webhook;

import com.bookingengine.platform.error.InvalidInputException;
import org.springframework.stereotype.Component;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which URLs a webhook may send to (SPEC §7): http or https with a host, and, outside the embedded default, never a
 * loopback, private, link-local (cloud metadata) or otherwise internal address unless the host is named in
 * {@code booking.webhooks.allowed-hosts}, so a webhook cannot be used to probe the network the engine runs in.
 * Checked at registration and again before every attempt, since a host name may resolve elsewhere later.
 */
@Component
class WebhookTargets {

    static final int MAX_URL = 2000;

    private final WebhookProperties properties;

    WebhookTargets(WebhookProperties properties) {
        this.properties = properties;
    }

    /** The URL as a webhook target, or a 400 naming {@code url}. */
    URI accept(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidInputException("url", "url is required");
        }
        if (url.length() > MAX_URL) {
            throw new InvalidInputException("url", "url must be at most " + MAX_URL + " characters");
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new InvalidInputException("url", String.format("url must be printable ASCII, other characters "
                        + "percent-encoded (U+%04X at index %d)", (int) c, i));
            }
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("url", "url is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidInputException("url", "url must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidInputException("url", "url must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidInputException("url", "url must not carry credentials; the signature authenticates "
                    + "the engine to the receiver");
        }
        String refusal = refusal(uri);
        if (refusal != null) {
            throw new InvalidInputException("url", refusal);
        }
        return uri;
    }

    /** Why the engine will not send to {@code uri} now, or null when it may. */
    String refusal(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (properties.allowPrivateTargets() || properties.allowedHosts().contains(host)) {
            return null;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return "url's host " + host + " does not resolve";
        }
        for (InetAddress address : addresses) {
            if (internal(address)) {
                return "url's host " + host + " is a loopback or private address (" + address.getHostAddress()
                        + "); allow it with booking.webhooks.allowed-hosts";
            }
        }
        return null;
    }

    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0                                        // "this network"
                    || first == 100 && second >= 64 && second < 128  // carrier-grade NAT, 100.64.0.0/10
                    || first == 192 && second == 0 && (b[2] & 0xff) == 0   // IETF protocol assignments
                    || first == 198 && (second == 18 || second == 19)      // benchmarking
                    || first >= 240;                                 // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc;                            // unique local, fc00::/7
        }
        return false;
    }
}
