package io.jenkins.plugins.deploytrain.ledger;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The journal's framing: each record is {@code length (4 bytes) | CRC-32C of the length (4) | payload | CRC-32C of
 * the payload (4)}. The length has its own checksum so that a damaged length is told apart from a record cut
 * short: a record that runs past the end of the file (or a tail of zeros) is a write that did not finish, anything
 * else that does not check out is damage.
 */
final class JournalFrames {

    static final int OVERHEAD = 12;
    private static final int LARGEST = 256 << 20;

    private JournalFrames() {}

    static byte[] frame(byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(payload.length + OVERHEAD);
        out.putInt(payload.length).putInt(crc(ByteBuffer.allocate(4).putInt(payload.length).array(), 0, 4));
        out.put(payload).putInt(crc(payload, 0, payload.length));
        return out.array();
    }

    /** One intact record: its payload and the offset just after it. */
    record Frame(long offset, byte[] payload, long end) {}

    /**
     * What a scan of the bytes found: the intact records in order, where the intact part ends, whether a last
     * record was cut short (torn: dropped), and the damage that stopped the scan, if any.
     */
    record Scan(List<Frame> frames, long end, boolean torn, String damage) {
        boolean damaged() {
            return damage != null;
        }
    }

    /** Scans {@code bytes}, which start at file offset {@code base} on a record boundary. */
    static Scan scan(byte[] bytes, long base) {
        List<Frame> frames = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        while (in.hasRemaining()) {
            int start = in.position();
            long at = base + start;
            if (in.remaining() < 8) {
                return new Scan(frames, at, true, null);
            }
            int length = in.getInt();
            int lengthCrc = in.getInt();
            if (lengthCrc != crc(bytes, start, 4) || length < 0 || length > LARGEST) {
                if (zeros(bytes, start)) {
                    // a file system that grew the file but never wrote the data (the writer died before its fsync)
                    return new Scan(frames, at, true, null);
                }
                return new Scan(frames, at, false, "the record at byte " + at + " has a damaged length (its checksum does not match)");
            }
            if (in.remaining() < length + 4) {
                return new Scan(frames, at, true, null);
            }
            byte[] payload = new byte[length];
            in.get(payload);
            int payloadCrc = in.getInt();
            if (payloadCrc != crc(payload, 0, length)) {
                if (!in.hasRemaining()) {
                    // the last record of the file: written, but not completely, when its writer died
                    return new Scan(frames, at, true, null);
                }
                return new Scan(frames, at, false, "the record at byte " + at + " does not match its checksum (CRC-32C)");
            }
            frames.add(new Frame(at, payload, base + in.position()));
        }
        return new Scan(frames, base + in.position(), false, null);
    }

    private static boolean zeros(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int crc(byte[] bytes, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, length);
        return (int) crc.getValue();
    }
}
