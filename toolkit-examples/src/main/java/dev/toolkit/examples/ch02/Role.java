package dev.toolkit.examples.ch02;

/** The first argument of chapter 2's scripts: which side of the conversation to play. */
enum Role {
    /** Sends datagrams (and maybe waits for a reply). */
    client,
    /** Binds a port and answers (or prints) what arrives. */
    server
}
