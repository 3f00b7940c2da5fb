/** SMTP client and server (chapter 13), on Netty's SMTP codec and toolkit-tls's STARTTLS. */
package dev.toolkit.smtp;
