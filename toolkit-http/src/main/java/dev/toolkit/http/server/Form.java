package dev.toolkit.http.server;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed form: {@code application/x-www-form-urlencoded} or {@code multipart/form-data}. */
public interface Form {

    /** The text fields, decoded, each name with its values in the order they came. */
    Map<String, List<String>> fields();

    /** The first value of the field called {@code name}. */
    Optional<String> field(String name);

    /** The file parts, in the order they came (streamed to disk, deleted after the response is sent). */
    List<FormFile> files();
}
