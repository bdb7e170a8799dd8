package io.cloudpro.identity.security;

import org.bouncycastle.crypto.digests.Blake2bDigest;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Argon2id (RFC 9106, version 0x13) over one flat {@code long[]} that is allocated once and reused
 * for every hash this instance computes. A general-purpose implementation allocates its 19 MiB of
 * blocks anew per hash; at dozens of logins a second that garbage, and the copying of half-done
 * hashes by the collector, cost as much as the hashing itself.
 * <p>
 * Not thread-safe: one instance per thread ({@link PasswordHasher} keeps one per hashing slot).
 * BLAKE2b comes from BouncyCastle; the memory-hard part - filling and mixing the blocks - is here.
 * Lanes are filled one after the other, which gives the same result as filling them in parallel.
 */
public final class Argon2id {

    private static final int BLOCK_WORDS = 128;            // 1 KiB blocks of 64-bit words
    private static final int SYNC_POINTS = 4;              // slices per pass
    private static final int ADDRESSES_PER_BLOCK = 128;
    private static final int VERSION = 0x13;
    private static final int TYPE_ID = 2;

    private long[] memory = new long[0];
    private final long[] r = new long[BLOCK_WORDS];
    private final long[] tmp = new long[BLOCK_WORDS];
    private final long[] addresses = new long[BLOCK_WORDS];
    private final long[] input = new long[BLOCK_WORDS];
    private final long[] zero = new long[BLOCK_WORDS];

    /** The tag for a password, with no secret and no associated data (how passwords are stored). */
    public byte[] hash(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int tagLength) {
        return hash(password, salt, new byte[0], new byte[0], memoryKib, iterations, parallelism, tagLength);
    }

    public byte[] hash(byte[] password, byte[] salt, byte[] secret, byte[] associatedData, int memoryKib,
                       int iterations, int parallelism, int tagLength) {
        if (parallelism < 1 || iterations < 1 || tagLength < 4 || memoryKib < 8 * parallelism) {
            throw new IllegalArgumentException("invalid argon2id parameters");
        }
        int segmentLength = memoryKib / (SYNC_POINTS * parallelism);
        int laneLength = segmentLength * SYNC_POINTS;
        int blockCount = laneLength * parallelism;
        if (memory.length < blockCount * BLOCK_WORDS) {
            memory = new long[blockCount * BLOCK_WORDS];
        }

        byte[] h0 = initialHash(password, salt, secret, associatedData, memoryKib, iterations, parallelism, tagLength);
        byte[] seed = Arrays.copyOf(h0, 72);
        for (int lane = 0; lane < parallelism; lane++) {
            for (int column = 0; column < 2; column++) {
                putLe32(seed, 64, column);
                putLe32(seed, 68, lane);
                fromBytes(variableHash(seed, 1024), (lane * laneLength + column) * BLOCK_WORDS);
            }
        }
        for (int pass = 0; pass < iterations; pass++) {
            for (int slice = 0; slice < SYNC_POINTS; slice++) {
                for (int lane = 0; lane < parallelism; lane++) {
                    fillSegment(pass, lane, slice, parallelism, laneLength, segmentLength, blockCount, iterations);
                }
            }
        }

        // the final block: the XOR of every lane's last block
        long[] last = tmp;
        System.arraycopy(memory, (laneLength - 1) * BLOCK_WORDS, last, 0, BLOCK_WORDS);
        for (int lane = 1; lane < parallelism; lane++) {
            int offset = (lane * laneLength + laneLength - 1) * BLOCK_WORDS;
            for (int i = 0; i < BLOCK_WORDS; i++) {
                last[i] ^= memory[offset + i];
            }
        }
        byte[] finalBlock = new byte[1024];
        ByteBuffer.wrap(finalBlock).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(last);
        return variableHash(finalBlock, tagLength);
    }

    private void fillSegment(int pass, int lane, int slice, int lanes, int laneLength, int segmentLength,
                             int blockCount, int passes) {
        boolean independent = pass == 0 && slice < SYNC_POINTS / 2;
        if (independent) {
            Arrays.fill(input, 0);
            input[0] = pass;
            input[1] = lane;
            input[2] = slice;
            input[3] = blockCount;
            input[4] = passes;
            input[5] = TYPE_ID;
        }
        int start = 0;
        if (pass == 0 && slice == 0) {
            start = 2; // the first two blocks of each lane come from H0
            if (independent) {
                nextAddresses();
            }
        }
        int current = lane * laneLength + slice * segmentLength + start;
        int previous = current % laneLength == 0 ? current + laneLength - 1 : current - 1;
        for (int index = start; index < segmentLength; index++, current++, previous++) {
            if (current % laneLength == 1) {
                previous = current - 1;
            }
            long pseudoRandom;
            if (independent) {
                if (index % ADDRESSES_PER_BLOCK == 0) {
                    nextAddresses();
                }
                pseudoRandom = addresses[index % ADDRESSES_PER_BLOCK];
            } else {
                pseudoRandom = memory[previous * BLOCK_WORDS];
            }
            int refLane = (int) ((pseudoRandom >>> 32) % lanes);
            if (pass == 0 && slice == 0) {
                refLane = lane;
            }
            int refIndex = referenceIndex(pass, slice, index, laneLength, segmentLength, pseudoRandom & 0xFFFFFFFFL,
                    refLane == lane);
            fillBlock(previous * BLOCK_WORDS, (refLane * laneLength + refIndex) * BLOCK_WORDS, current * BLOCK_WORDS,
                    pass > 0);
        }
    }

    /** Which block of the reference lane to mix in (RFC 9106 section 3.4.1.2). */
    private static int referenceIndex(int pass, int slice, int index, int laneLength, int segmentLength,
                                      long j1, boolean sameLane) {
        long areaSize;
        if (pass == 0) {
            if (slice == 0) {
                areaSize = index - 1;
            } else if (sameLane) {
                areaSize = (long) slice * segmentLength + index - 1;
            } else {
                areaSize = (long) slice * segmentLength + (index == 0 ? -1 : 0);
            }
        } else if (sameLane) {
            areaSize = laneLength - segmentLength + index - 1;
        } else {
            areaSize = laneLength - segmentLength + (index == 0 ? -1 : 0);
        }
        long relative = (j1 * j1) >>> 32;
        relative = areaSize - 1 - ((areaSize * relative) >>> 32);
        long startPosition = pass == 0 || slice == SYNC_POINTS - 1 ? 0 : (long) (slice + 1) * segmentLength;
        return (int) ((startPosition + relative) % laneLength);
    }

    /** Two compressions of the counter block give 128 pseudo-random addresses (Argon2i part). */
    private void nextAddresses() {
        input[6]++;
        compress(zero, 0, input, 0, addresses, 0, false);
        compress(zero, 0, addresses, 0, addresses, 0, false);
    }

    private void fillBlock(int prevOffset, int refOffset, int nextOffset, boolean withXor) {
        compress(memory, prevOffset, memory, refOffset, memory, nextOffset, withXor);
    }

    /**
     * out = P(x XOR y) XOR (x XOR y) [XOR out's old value when {@code withXor}]: the compression
     * function G of RFC 9106 section 3.5, with P the BLAKE2b round on 16-word rows, then columns.
     */
    private void compress(long[] x, int xOffset, long[] y, int yOffset, long[] outArray, int outOffset,
                          boolean withXor) {
        for (int i = 0; i < BLOCK_WORDS; i++) {
            r[i] = x[xOffset + i] ^ y[yOffset + i];
        }
        System.arraycopy(r, 0, tmp, 0, BLOCK_WORDS);
        if (withXor) {
            for (int i = 0; i < BLOCK_WORDS; i++) {
                tmp[i] ^= outArray[outOffset + i];
            }
        }
        for (int i = 0; i < 8; i++) {
            int b = 16 * i;
            round(b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7, b + 8, b + 9, b + 10, b + 11, b + 12, b + 13,
                    b + 14, b + 15);
        }
        for (int i = 0; i < 8; i++) {
            int b = 2 * i;
            round(b, b + 1, b + 16, b + 17, b + 32, b + 33, b + 48, b + 49, b + 64, b + 65, b + 80, b + 81, b + 96,
                    b + 97, b + 112, b + 113);
        }
        for (int i = 0; i < BLOCK_WORDS; i++) {
            outArray[outOffset + i] = tmp[i] ^ r[i];
        }
    }

    /**
     * One BLAKE2b round (without message words) over the 16 words of {@code r} at the given
     * indices. The words live in locals while mixing: far fewer array accesses than mixing in place.
     */
    private void round(int i0, int i1, int i2, int i3, int i4, int i5, int i6, int i7,
                       int i8, int i9, int i10, int i11, int i12, int i13, int i14, int i15) {
        long[] v = r;
        long v0 = v[i0], v1 = v[i1], v2 = v[i2], v3 = v[i3], v4 = v[i4], v5 = v[i5], v6 = v[i6], v7 = v[i7];
        long v8 = v[i8], v9 = v[i9], v10 = v[i10], v11 = v[i11], v12 = v[i12], v13 = v[i13], v14 = v[i14], v15 = v[i15];

        // columns: G(v0, v4, v8, v12) G(v1, v5, v9, v13) G(v2, v6, v10, v14) G(v3, v7, v11, v15)
        v0 = blaMka(v0, v4); v12 = Long.rotateRight(v12 ^ v0, 32); v8 = blaMka(v8, v12); v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 = blaMka(v0, v4); v12 = Long.rotateRight(v12 ^ v0, 16); v8 = blaMka(v8, v12); v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 = blaMka(v1, v5); v13 = Long.rotateRight(v13 ^ v1, 32); v9 = blaMka(v9, v13); v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 = blaMka(v1, v5); v13 = Long.rotateRight(v13 ^ v1, 16); v9 = blaMka(v9, v13); v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 = blaMka(v2, v6); v14 = Long.rotateRight(v14 ^ v2, 32); v10 = blaMka(v10, v14); v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 = blaMka(v2, v6); v14 = Long.rotateRight(v14 ^ v2, 16); v10 = blaMka(v10, v14); v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 = blaMka(v3, v7); v15 = Long.rotateRight(v15 ^ v3, 32); v11 = blaMka(v11, v15); v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 = blaMka(v3, v7); v15 = Long.rotateRight(v15 ^ v3, 16); v11 = blaMka(v11, v15); v7 = Long.rotateRight(v7 ^ v11, 63);
        // diagonals: G(v0, v5, v10, v15) G(v1, v6, v11, v12) G(v2, v7, v8, v13) G(v3, v4, v9, v14)
        v0 = blaMka(v0, v5); v15 = Long.rotateRight(v15 ^ v0, 32); v10 = blaMka(v10, v15); v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 = blaMka(v0, v5); v15 = Long.rotateRight(v15 ^ v0, 16); v10 = blaMka(v10, v15); v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 = blaMka(v1, v6); v12 = Long.rotateRight(v12 ^ v1, 32); v11 = blaMka(v11, v12); v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 = blaMka(v1, v6); v12 = Long.rotateRight(v12 ^ v1, 16); v11 = blaMka(v11, v12); v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 = blaMka(v2, v7); v13 = Long.rotateRight(v13 ^ v2, 32); v8 = blaMka(v8, v13); v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 = blaMka(v2, v7); v13 = Long.rotateRight(v13 ^ v2, 16); v8 = blaMka(v8, v13); v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 = blaMka(v3, v4); v14 = Long.rotateRight(v14 ^ v3, 32); v9 = blaMka(v9, v14); v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 = blaMka(v3, v4); v14 = Long.rotateRight(v14 ^ v3, 16); v9 = blaMka(v9, v14); v4 = Long.rotateRight(v4 ^ v9, 63);

        v[i0] = v0; v[i1] = v1; v[i2] = v2; v[i3] = v3; v[i4] = v4; v[i5] = v5; v[i6] = v6; v[i7] = v7;
        v[i8] = v8; v[i9] = v9; v[i10] = v10; v[i11] = v11; v[i12] = v12; v[i13] = v13; v[i14] = v14; v[i15] = v15;
    }

    /** BLAKE2b's addition with the multiplication Argon2 adds: x + y + 2 * lo32(x) * lo32(y). */
    private static long blaMka(long x, long y) {
        return x + y + 2 * (x & 0xFFFFFFFFL) * (y & 0xFFFFFFFFL);
    }

    private static byte[] initialHash(byte[] password, byte[] salt, byte[] secret, byte[] associatedData,
                                      int memoryKib, int iterations, int parallelism, int tagLength) {
        Blake2bDigest digest = new Blake2bDigest(512);
        updateLe32(digest, parallelism);
        updateLe32(digest, tagLength);
        updateLe32(digest, memoryKib);
        updateLe32(digest, iterations);
        updateLe32(digest, VERSION);
        updateLe32(digest, TYPE_ID);
        for (byte[] part : new byte[][]{password, salt, secret, associatedData}) {
            updateLe32(digest, part.length);
            digest.update(part, 0, part.length);
        }
        byte[] h0 = new byte[64];
        digest.doFinal(h0, 0);
        return h0;
    }

    /** H' of RFC 9106 section 3.3: BLAKE2b stretched to any length. */
    static byte[] variableHash(byte[] input, int length) {
        byte[] out = new byte[length];
        byte[] lengthPrefix = new byte[4];
        putLe32(lengthPrefix, 0, length);
        if (length <= 64) {
            Blake2bDigest digest = new Blake2bDigest(length * 8);
            digest.update(lengthPrefix, 0, 4);
            digest.update(input, 0, input.length);
            digest.doFinal(out, 0);
            return out;
        }
        byte[] v = new byte[64];
        Blake2bDigest digest = new Blake2bDigest(512);
        digest.update(lengthPrefix, 0, 4);
        digest.update(input, 0, input.length);
        digest.doFinal(v, 0);
        System.arraycopy(v, 0, out, 0, 32);
        int position = 32;
        int rounds = (length + 31) / 32 - 2;
        for (int i = 1; i < rounds; i++) {
            digest.update(v, 0, 64);
            digest.doFinal(v, 0);
            System.arraycopy(v, 0, out, position, 32);
            position += 32;
        }
        int rest = length - 32 * rounds;
        Blake2bDigest lastDigest = new Blake2bDigest(rest * 8);
        lastDigest.update(v, 0, 64);
        byte[] last = new byte[rest];
        lastDigest.doFinal(last, 0);
        System.arraycopy(last, 0, out, position, rest);
        return out;
    }

    private void fromBytes(byte[] block, int offset) {
        ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(memory, offset, BLOCK_WORDS);
    }

    private static void updateLe32(Blake2bDigest digest, int value) {
        byte[] bytes = new byte[4];
        putLe32(bytes, 0, value);
        digest.update(bytes, 0, 4);
    }

    private static void putLe32(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) value;
        bytes[offset + 1] = (byte) (value >>> 8);
        bytes[offset + 2] = (byte) (value >>> 16);
        bytes[offset + 3] = (byte) (value >>> 24);
    }
}
