package dev.hearth.pi;

/** The installer on Debian 12, the base of Raspberry Pi OS bookworm: libgpiod 1.6 and Java 17. */
class BookwormInstallIT extends InstallerSteps {
  @Override
  String release() { return "bookworm"; }

  @Override
  String gpiodPackage() { return "libgpiod2"; }
}
