package dev.toolkit.tls;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * PEM text of certificates and private keys, read and written with BouncyCastle. Keys are written as PKCS#8
 * ({@code BEGIN PRIVATE KEY}), or encrypted with AES-256-CBC under a password ({@code BEGIN ENCRYPTED PRIVATE
 * KEY}), which OpenSSL, Python's {@code ssl} and Netty all read. Reading also accepts OpenSSL's traditional
 * {@code BEGIN RSA/EC PRIVATE KEY} forms, encrypted or not. A file may hold a key and certificates together,
 * as the book's {@code localhost.pem} does.
 */
public final class Pem {

    /** BouncyCastle's provider, used directly (not installed in the JVM) for the PKCS#8 ciphers the JDK lacks. */
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private Pem() {
    }

    /** The PEM text of certificates, in order. */
    public static String certificates(List<X509Certificate> certificates) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate c : certificates) {
                writer.writeObject(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * The PEM text of a private key: plain PKCS#8 when {@code password} is {@code null}, otherwise encrypted
     * PKCS#8 (AES-256-CBC, key derived with PBKDF2).
     */
    public static String privateKey(PrivateKey key, char[] password) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            if (password == null) {
                writer.writeObject(new JcaPKCS8Generator(key, null).generate());
            } else {
                writer.writeObject(new JcaPKCS8Generator(key,
                        new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                                .setProvider(BC).setPassword(password).build()).generate());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot encrypt the private key: " + e.getMessage(), e);
        }
        return text.toString();
    }

    /** The PEM text of a key (unencrypted) followed by its chain: one file, as the book's {@code -s} option takes. */
    public static String combined(KeyAndCertificates pair) {
        return privateKey(pair.key(), null) + certificates(pair.chain());
    }

    /** Writes {@code text} to {@code file} atomically (a temporary file renamed over it): no reader sees half. */
    public static void write(Path file, String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, ".pem", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every certificate in a PEM file, in order; other objects (keys) are skipped. */
    public static List<X509Certificate> readCertificates(Path file) {
        return parse(file, null, false).certificates;
    }

    /**
     * The first private key in a PEM file.
     *
     * @param password the password of an encrypted key, or {@code null}
     * @throws IllegalArgumentException if the file holds no key, or the password is missing or wrong
     */
    public static PrivateKey readPrivateKey(Path file, char[] password) {
        Parsed p = parse(file, password, true);
        if (p.key == null) {
            throw new IllegalArgumentException(file + " holds no private key");
        }
        return p.key;
    }

    /** The key and chain from one file (key and certificates together) or from two files. */
    public static KeyAndCertificates readKeyAndCertificates(Path certificates, Path key, char[] password) {
        List<X509Certificate> chain = readCertificates(certificates);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(certificates + " holds no certificate");
        }
        return new KeyAndCertificates(readPrivateKey(key, password), chain);
    }

    private record Parsed(List<X509Certificate> certificates, PrivateKey key) {
    }

    private static Parsed parse(Path file, char[] password, boolean wantKey) {
        String text;
        try {
            // PEM is ASCII, but text around the blocks may be anything: one char per byte reads every file.
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (" + reason(e) + ")", e);
        }
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                objects.add(o);
            }
        } catch (IOException | RuntimeException e) {
            // BouncyCastle reports some malformed text unchecked: bad base64, an unexpected ASN.1 structure.
            throw new IllegalArgumentException("cannot parse " + file + ": " + e.getMessage(), e);
        }
        List<X509Certificate> certs = new ArrayList<>();
        PrivateKey key = null;
        JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
        try {
            for (Object o : objects) {
                if (o instanceof X509CertificateHolder holder) {
                    certs.add(new JcaX509CertificateConverter().getCertificate(holder));
                } else if (wantKey && key == null) {
                    key = key(o, keys, password, file);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot parse " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("bad certificate in " + file + ": " + e.getMessage(), e);
        }
        return new Parsed(certs, key);
    }

    private static PrivateKey key(Object o, JcaPEMKeyConverter keys, char[] password, Path file) throws IOException {
        try {
            if (o instanceof PrivateKeyInfo info) {
                return keys.getPrivateKey(info);
            }
            if (o instanceof PEMKeyPair pair) {
                return keys.getKeyPair(pair).getPrivate();
            }
            if (o instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                needPassword(password, file);
                return keys.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password)));
            }
            if (o instanceof PEMEncryptedKeyPair encrypted) {
                needPassword(password, file);
                return keys.getKeyPair(encrypted.decryptKeyPair(
                        new JcePEMDecryptorProviderBuilder().setProvider(BC).build(password)))
                        .getPrivate();
            }
            return null;
        } catch (PKCSException | OperatorCreationException | org.bouncycastle.openssl.EncryptionException e) {
            throw new IllegalArgumentException("cannot decrypt the private key in " + file
                    + " (wrong password?)", e);
        }
    }

    /** Why a file could not be read, in words ({@code NoSuchFileException}'s message is only the path). */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static void needPassword(char[] password, Path file) {
        if (password == null) {
            throw new IllegalArgumentException("the private key in " + file + " is encrypted: a password is needed");
        }
    }
}
