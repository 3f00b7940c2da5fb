package dev.toolkit.http.server;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses a urlencoded or multipart form as its body arrives, through Netty's {@link HttpPostRequestDecoder}:
 * fields and small parts in memory, larger parts streamed to temporary files, every file part on disk by the
 * time the form is complete. {@link #destroy()} deletes them (after the response is sent). Event loop only.
 */
final class FormParser {

    /** Parts up to this size are kept in memory while the form is parsed. */
    static final long IN_MEMORY = 16 * 1024;

    /** Makes a parser for a request. */
    static final class Factory {
        private final long maxBodySize;
        private final Path directory;

        /** @param directory where file parts go, {@code null} for the system's temporary directory */
        Factory(long maxBodySize, Path directory) {
            this.maxBodySize = maxBodySize;
            this.directory = directory;
        }

        FormParser create(HttpRequest request) {
            DefaultHttpDataFactory data = new DefaultHttpDataFactory(IN_MEMORY);
            data.setMaxLimit(maxBodySize);
            if (directory != null) {
                data.setBaseDir(directory.toString());
            }
            data.setDeleteOnExit(false);
            try {
                return new FormParser(new HttpPostRequestDecoder(data, request), directory);
            } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
                throw malformed(request, e);
            }
        }
    }

    private final HttpPostRequestDecoder decoder;
    private final Path directory;
    private final List<Path> copies = new ArrayList<>();

    private FormParser(HttpPostRequestDecoder decoder, Path directory) {
        this.decoder = decoder;
        this.directory = directory;
    }

    /** Parses {@code data} (not released here). */
    void offer(ByteBuf data) {
        try {
            decoder.offer(new DefaultHttpContent(data));
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw malformedForm(e);
        }
    }

    /** Parses the content of {@code content} (not released here). */
    void offer(io.netty.handler.codec.http.HttpContent content) {
        offer(content.content());
    }

    /** Ends the body and returns the form. */
    Form finish() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        List<FormFile> files = new ArrayList<>();
        try {
            decoder.offer(LastHttpContent.EMPTY_LAST_CONTENT);
            for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
                if (data instanceof FileUpload) {
                    FileUpload upload = (FileUpload) data;
                    files.add(new StoredFile(upload.getName(), upload.getFilename(),
                            upload.getContentType() == null ? ResponseBody.OCTET_STREAM : upload.getContentType(),
                            upload.length(), onDisk(upload)));
                } else if (data instanceof Attribute) {
                    Attribute attribute = (Attribute) data;
                    fields.computeIfAbsent(attribute.getName(), k -> new ArrayList<>()).add(attribute.getValue());
                }
            }
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw malformedForm(e);
        } catch (IOException e) {
            throw new RequestBodyException(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                    "cannot store a file part of a form: " + e.getMessage(), e);
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        fields.forEach((name, values) -> frozen.put(name, List.copyOf(values)));
        return new ParsedForm(Collections.unmodifiableMap(frozen), List.copyOf(files));
    }

    private Path onDisk(FileUpload upload) throws IOException {
        if (!upload.isInMemory()) {
            return upload.getFile().toPath();
        }
        Path copy = directory == null ? Files.createTempFile("toolkit-http-", ".part")
                : Files.createTempFile(directory, "toolkit-http-", ".part");
        copies.add(copy);
        Files.write(copy, upload.get());
        return copy;
    }

    /** Deletes the temporary files and frees the decoder's buffers. */
    void destroy() {
        decoder.destroy();
        for (Path copy : copies) {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                copy.toFile().deleteOnExit();
            }
        }
        copies.clear();
    }

    private static RequestBodyException malformed(HttpRequest request, Exception e) {
        return new RequestBodyException(HttpResponseStatus.BAD_REQUEST, "the body of " + request.method() + " "
                + request.uri() + " is not a form: " + e.getMessage(), e);
    }

    private static RequestBodyException malformedForm(Exception e) {
        return new RequestBodyException(HttpResponseStatus.BAD_REQUEST, "malformed form: " + e.getMessage(), e);
    }

    private static final class ParsedForm implements Form {
        private final Map<String, List<String>> fields;
        private final List<FormFile> files;

        ParsedForm(Map<String, List<String>> fields, List<FormFile> files) {
            this.fields = fields;
            this.files = files;
        }

        @Override
        public Map<String, List<String>> fields() {
            return fields;
        }

        @Override
        public Optional<String> field(String name) {
            List<String> values = fields.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        @Override
        public List<FormFile> files() {
            return files;
        }

        @Override
        public String toString() {
            return "Form{fields=" + fields.keySet() + ", files=" + files + "}";
        }
    }

    private static final class StoredFile implements FormFile {
        private final String fieldName;
        private final String fileName;
        private final String contentType;
        private final long size;
        private final Path path;

        StoredFile(String fieldName, String fileName, String contentType, long size, Path path) {
            this.fieldName = fieldName;
            this.fileName = fileName == null ? "" : fileName;
            this.contentType = contentType;
            this.size = size;
            this.path = path;
        }

        @Override
        public String fieldName() {
            return fieldName;
        }

        @Override
        public String fileName() {
            return fileName;
        }

        @Override
        public String contentType() {
            return contentType;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public Path path() {
            return path;
        }

        @Override
        public String toString() {
            return "FormFile{" + fieldName + ", " + fileName + ", " + contentType + ", " + size + " bytes}";
        }
    }
}
