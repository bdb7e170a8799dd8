package io.cloudpro.identity.security;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class Argon2idTest {

    @Test
    void matchesTheArgon2idTestVectorOfRfc9106() {
        byte[] password = filled(32, 0x01);
        byte[] salt = filled(16, 0x02);
        byte[] secret = filled(8, 0x03);
        byte[] associatedData = filled(12, 0x04);

        byte[] tag = new Argon2id().hash(password, salt, secret, associatedData, 32, 3, 4, 32);

        assertEquals("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659", HexFormat.of().formatHex(tag));
    }

    @Test
    void agreesWithBouncyCastleAcrossParameters() {
        Random random = new Random(42);
        Argon2id argon2 = new Argon2id(); // reused, as in production: old memory contents must not matter
        int[][] cases = {
                // memory KiB, iterations, lanes, tag length
                {64, 1, 1, 32}, {64, 2, 1, 16}, {128, 3, 2, 64}, {256, 1, 4, 65}, {100, 2, 3, 100},
                {1024, 2, 1, 32}, {72, 4, 2, 128}, {19456, 2, 1, 32}, {64, 1, 1, 32},
        };
        for (int[] c : cases) {
            byte[] password = new byte[random.nextInt(40)];
            byte[] salt = new byte[8 + random.nextInt(24)];
            random.nextBytes(password);
            random.nextBytes(salt);
            byte[] ours = argon2.hash(password, salt, c[0], c[1], c[2], c[3]);
            assertArrayEquals(bouncyCastle(password, salt, c[0], c[1], c[2], c[3]), ours, Arrays.toString(c));
        }
    }

    @Test
    void passwordsAreHashedAsUtf8() {
        String password = "wachtwoord met é en 中文";
        byte[] ours = new Argon2id().hash(password.getBytes(StandardCharsets.UTF_8), filled(16, 7), 64, 2, 1, 32);
        Argon2BytesGenerator generator = generator(filled(16, 7), 64, 2, 1);
        byte[] theirs = new byte[32];
        generator.generateBytes(password.toCharArray(), theirs);
        assertArrayEquals(theirs, ours);
    }

    private static byte[] bouncyCastle(byte[] password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
        byte[] out = new byte[length];
        generator(salt, memoryKib, iterations, lanes).generateBytes(password, out);
        return out;
    }

    private static Argon2BytesGenerator generator(byte[] salt, int memoryKib, int iterations, int lanes) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKib).withIterations(iterations)
                .withParallelism(lanes).withSalt(salt).build());
        return generator;
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
