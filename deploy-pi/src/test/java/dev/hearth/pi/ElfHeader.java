package dev.hearth.pi;

import java.io.IOException;
import java.io.InputStream;

/** The identifying part of an ELF file's header: word size, byte order and the machine it was built for. */
record ElfHeader(int wordBits, boolean littleEndian, int machine) {
  static final int EM_X86_64 = 62;
  static final int EM_AARCH64 = 183;

  /** Reads the first 20 bytes of {@code in}; throws if they are not an ELF header. */
  static ElfHeader read(InputStream in) throws IOException {
    byte[] h = in.readNBytes(20);
    if (h.length < 20 || h[0] != 0x7f || h[1] != 'E' || h[2] != 'L' || h[3] != 'F') {
      throw new IOException("not an ELF file");
    }
    int wordBits = h[4] == 2 ? 64 : h[4] == 1 ? 32 : 0;
    boolean little = h[5] == 1;
    int machine = little ? (h[18] & 0xff) | (h[19] & 0xff) << 8 : (h[19] & 0xff) | (h[18] & 0xff) << 8;
    return new ElfHeader(wordBits, little, machine);
  }

  boolean isAarch64() {
    return wordBits == 64 && littleEndian && machine == EM_AARCH64;
  }
}
