package com.bookingengine.command.position;

/** Told the global position of each successful command's last event as the command answers (before the body). */
public interface CommandPositionListener {

    void answered(long position);
}
