package dev.hearth.pi;

/** The installer on Debian 13, the base of Raspberry Pi OS trixie: libgpiod 2.x and Java 21. */
class TrixieInstallIT extends InstallerSteps {
  @Override
  String release() { return "trixie"; }

  @Override
  String gpiodPackage() { return "libgpiod3"; }
}
