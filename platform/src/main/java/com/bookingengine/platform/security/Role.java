package com.bookingengine.platform.security;

/** Who may call what (SPEC §4). */
public enum Role {
    OWNER, BOOKER, PAYMENTS, AUDITOR, OPERATOR
}
