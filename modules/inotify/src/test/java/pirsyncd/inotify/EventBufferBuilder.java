package pirsyncd.inotify;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Lays out {@code struct inotify_event} records the way the kernel does, for parser tests. */
final class EventBufferBuilder {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** Appends one record whose name is padded with NULs to a multiple of 16 bytes, as the kernel does. */
    EventBufferBuilder add(int wd, int mask, int cookie, byte[] name) {
        int padded = name.length == 0 ? 0 : (name.length / 16 + 1) * 16; // room for at least one NUL
        return addRaw(wd, mask, cookie, padded, name);
    }

    /** Appends a record with an explicit {@code len} field and name bytes (NUL padded up to len). */
    EventBufferBuilder addRaw(int wd, int mask, int cookie, int len, byte[] name) {
        ByteBuffer header = ByteBuffer.allocate(InotifyEvents.HEADER_BYTES).order(ByteOrder.nativeOrder());
        header.putInt(wd).putInt(mask).putInt(cookie).putInt(len);
        bytes.writeBytes(header.array());
        byte[] field = new byte[Math.max(0, len)];
        System.arraycopy(name, 0, field, 0, Math.min(name.length, field.length));
        bytes.writeBytes(field);
        return this;
    }

    byte[] build() {
        return bytes.toByteArray();
    }
}
