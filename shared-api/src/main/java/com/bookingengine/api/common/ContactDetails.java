package com.bookingengine.api.common;

/**
 * Who a booking is for. {@code contactId} is the caller's own id for the person, if it has one.
 * <p>
 * The constructor takes what it is given, because stored events must read back whatever they hold;
 * {@link #checkPlainText()} is what a command that brings new contact details calls.
 */
public record ContactDetails(String contactId, String firstName, String lastName, String email,
                             String phone, String address) {

    /** Refuses details no request could carry: control characters, half characters, over-long fields. */
    public void checkPlainText() {
        PlainText.check("contact contactId", contactId, InputLimits.ID);
        PlainText.check("contact firstName", firstName, InputLimits.PERSON_NAME);
        PlainText.check("contact lastName", lastName, InputLimits.PERSON_NAME);
        PlainText.check("contact email", email, InputLimits.EMAIL);
        PlainText.check("contact phone", phone, InputLimits.PHONE);
        PlainText.check("contact address", address, InputLimits.ADDRESS);
    }
}
