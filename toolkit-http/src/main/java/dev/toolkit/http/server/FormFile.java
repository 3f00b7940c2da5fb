package dev.toolkit.http.server;

import java.nio.file.Path;

/** A file part of a multipart form, stored in a temporary file that is deleted after the response is sent. */
public interface FormFile {

    /** The form field the file was sent as. */
    String fieldName();

    /** The file name the client gave ({@code filename=}), possibly empty. */
    String fileName();

    /** The part's {@code Content-Type}, {@code application/octet-stream} when it had none. */
    String contentType();

    /** The size in bytes. */
    long size();

    /** Where the content is stored until the response has been sent. */
    Path path();
}
